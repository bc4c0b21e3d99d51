package index

import "github.com/spbe-id/spbe/pkg/rubric"

// Levels maps indicator ids to the level an instansi reached on each,
// exactly as it was read (1.1666666666666667, not 1.17).
type Levels map[string]rubric.Level
