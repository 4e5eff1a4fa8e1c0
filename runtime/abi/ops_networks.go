package abi

// Network operations.
const (
	OpNetworkList       = "network_list"
	OpNetworkCreate     = "network_create"
	OpNetworkInspect    = "network_inspect"
	OpNetworkRemove     = "network_remove"
	OpNetworkConnect    = "network_connect"
	OpNetworkDisconnect = "network_disconnect"
	OpNetworkPrune      = "network_prune"
)
