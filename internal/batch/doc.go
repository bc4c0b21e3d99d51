// Package batch scores many evaluation workbooks at once: it expands
// folders into workbook files, reads them in parallel while handing the
// results on in input order, keeps each evaluation compact (its levels in
// rubric order and its published index, not a full index.Result), ranks
// them with shared ranks for ties, and summarises them per predicate,
// domain and aspect, nationally or per category. Rescore reads inputs
// under two rubrics for spbe rubric diff, ranked with the same ranking.
// ReadTrend reads the inputs of spbe trend as observations for
// internal/trend: evaluation workbooks (through Read), tables of published
// results (ReadPublished, through workbook.Rows) and the JSON export of
// the national monitoring application (ReadMonitoring).
//
// It builds the results model (internal/result) and imports
// internal/workbook to read; it never imports the printers
// (internal/textout) or the Excel writer (internal/excelout).
package batch
