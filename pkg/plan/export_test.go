package plan

// SetLimits sets the size of the cost table and the node budget of the
// branch and bound, and returns a function that restores them.
func SetLimits(cells, nodes int) (restore func()) {
	c, n := maxCells, maxNodes
	maxCells, maxNodes = cells, nodes
	return func() { maxCells, maxNodes = c, n }
}

// AlwaysDP makes the fewest-steps planner use its dynamic programming
// everywhere, and returns a function that restores it.
func AlwaysDP() (restore func()) {
	alwaysDP = true
	return func() { alwaysDP = false }
}
