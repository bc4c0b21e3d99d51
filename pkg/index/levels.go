package index

import "github.com/spbe-id/spbe/pkg/rubric"

// Levels maps indicator ids to the level an instansi reached on each.
type Levels map[string]rubric.Decimal
