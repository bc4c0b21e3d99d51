//go:build !unix

package batch

func openFileLimit() (uint64, bool) { return 0, false }
