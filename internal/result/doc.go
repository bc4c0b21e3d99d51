// Package result is the model of what spbe computes, as every output
// takes it: a scored evaluation, a batch of them (ranking rows, summaries,
// groups, the inputs that failed), a comparison of two evaluations, the
// diff of two rubrics with the evaluations rescored under both, and the
// provenance of a run. It also holds the pure computations on that model
// (the gates of --fail-under, --min-predicate and --fail-on, the summary
// of a rubric diff, the order of moved indicators).
//
// The direction of imports: result depends only on pkg/rubric and
// pkg/index; internal/batch builds it, internal/textout writes it as text,
// JSON, CSV, Markdown or GitHub annotations, internal/excelout as Excel.
// Nothing here prints, reads files or knows a format.
package result
