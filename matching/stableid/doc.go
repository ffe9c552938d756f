// Package stableid gives every cluster of source records a customer id that
// stays the same across nightly runs while its records stay together, and
// records every id change for the customer_id_history table.
//
// # Inputs
//
// [Assign] takes this run's clusters (a cluster number per record, records
// named by [Ref]) and what the previous run published, as plain values in
// [Previous]: which customer id each record had, the run sequence in which
// each id was first issued (its birth), and every id ever issued. A fresh
// build passes a zero Previous.
//
// # Rules
//
// Each previous id is offered to exactly one cluster, its home: the cluster
// that now holds the most of that id's records. A tie goes to the cluster
// holding the smallest of those records by (Source, ID).
//
// A cluster that is home to one previous id keeps it. A cluster that is home
// to several (a merge) keeps the oldest: the earliest born, ties broken by the
// smaller id string. Each other id is recorded as merged into the kept one.
// Previous ids are never offered a second choice, so an id is either kept,
// merged or retired, exactly one of the three, in every run.
//
// A cluster that is home to no previous id gets a new id. If some of its
// records had a previous id (they split off from a customer that kept its id
// elsewhere, or whose id went to a merge), one split change is recorded for
// each such previous id; otherwise one created change is recorded.
//
// A previous id none of whose records is present any more is recorded as
// retired. A record that moves into a cluster keeping another id changes no
// id and records nothing: customer_source shows where each record now is.
// A plain rerun records nothing at all.
//
// # New ids
//
// New ids are deterministic, so two fresh builds from the same inputs give
// identical tables: a new id is the UUIDv5 (SHA-1) in [Namespace] of the
// cluster's smallest record ref written as source, a NUL byte, and id. If
// that UUID was ever issued before (in Previous.Issued or among the previous
// assignment's ids) or is already taken in this run, it is re-drawn with the
// name suffixed by "#1", "#2", ... until it is fresh. Re-draws are made in
// order of the clusters' smallest refs, so the outcome does not depend on
// cluster numbering or record order. An id is therefore never reissued.
//
// # History
//
// Each [Change] is one customer_id_history row. CustomerID is the id after
// the change and PreviousID the id before it; an empty string stands for
// NULL.
//
//	kind     customer_id      previous_customer_id
//	created  the new id       ""
//	split    the new id       the id its records came from
//	merged   the kept id      the id absorbed into it
//	retired  ""               the id whose records all disappeared
package stableid
