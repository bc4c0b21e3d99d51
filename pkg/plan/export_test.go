package plan

// SetLimits sets the size of the cost table and the node budget of the
// branch and bound, and returns a function that restores them.
func SetLimits(cells, nodes int) (restore func()) {
	c, n := maxCells, maxNodes
	maxCells, maxNodes = cells, nodes
	return func() { maxCells, maxNodes = c, n }
}
