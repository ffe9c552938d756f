// Package pipeline runs c360's nightly job: it fetches the sources, lands
// them, loads them into a new DuckDB database, resolves customers, computes
// measures and reports, and publishes the database atomically with a record
// of the run.
//
// DefaultStages (run.go) is the one place the order of the stages is
// written; each stage has a file of its own name:
//
//	fetch ──> load ──> normalize ──> match ──> merge ──> measures ──> crm ──> record ──> publish ──> report
//	fetch.go  load.go  normalize.go  match.go  merge.go  measures.go  crm.go  record.go publish.go  report.go
//	(fetch/,  (load/)  (transform/)  (matching/: block,  (stable     (sales/) (sales/)  (run,       (publish/:  (report/,
//	 land/)                           score, cluster)     ids,                          source_     rename)     htmlreport/)
//	                                                      survive)                      file ...)
//
// The tables the match and merge stages publish are written by
// matchtables.go, the run's own tables (run, source_file, load_reject) by
// record.go; a stage's body decides, a writer writes. Dataverse, when the
// config reads the CRM from it, is fetched and loaded by dataverse.go.
//
// Every stage works on one State: the data the stages share, all of it
// defined in state.go (the run's options, the previous run, the match
// outcome), so stage files point at state.go and run.go at the stages,
// never the other way. Run (run.go) creates the State, runs the stages
// (stage.go) and writes the summary. Nothing is written next to the
// published database until the publish stage renames the finished file
// into place, so a failed or killed run leaves the last published database
// untouched.
package pipeline
