package runtime

import (
	"fmt"
	"slices"

	"github.com/tetratelabs/wazero"
)

// A Grant lists the imports a guest may have. Anything else is refused at
// load, with a message that names the import.
type Grant struct {
	whole map[string]bool
	funcs map[string]map[string]bool
}

// Module allows every function of the named host module.
func (g Grant) Module(name string) Grant {
	if g.whole == nil {
		g.whole = map[string]bool{}
	}
	g.whole[name] = true
	return g
}

// Funcs allows the named functions of a host module.
func (g Grant) Funcs(module string, names ...string) Grant {
	if g.funcs == nil {
		g.funcs = map[string]map[string]bool{}
	}
	set := g.funcs[module]
	if set == nil {
		set = map[string]bool{}
		g.funcs[module] = set
	}
	for _, n := range names {
		set[n] = true
	}
	return g
}

func (g Grant) allows(module, name string) bool {
	return g.whole[module] || g.funcs[module][name]
}

// check refuses a compiled module that imports outside the grant, or
// imports memory, tables or globals, which no dockmcp host provides.
func (g Grant) check(cm wazero.CompiledModule) error {
	var refused []string
	for _, f := range cm.ImportedFunctions() {
		mod, name, _ := f.Import()
		if !g.allows(mod, name) {
			refused = append(refused, mod+"."+name)
		}
	}
	for _, m := range cm.ImportedMemories() {
		mod, name, _ := m.Import()
		refused = append(refused, mod+"."+name+" (memory)")
	}
	if len(refused) > 0 {
		slices.Sort(refused)
		return fmt.Errorf("imports outside its grant: %v", refused)
	}
	return nil
}
