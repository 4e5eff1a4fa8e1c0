package server

// LiveToolInstances is the tool guest's live instances, for leak tests.
func (h *Host) LiveToolInstances() int { return h.tools.Live() }
