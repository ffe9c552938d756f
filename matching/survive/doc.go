// Package survive builds each customer's attributes from the source records
// of its cluster (survivorship) and remembers which record gave each one.
//
// # Choosing a value
//
// For each [Attribute], [Merge] looks at the cluster's records in tiers:
// values with Status OK first; only when no record has one, the fallback
// tier of Junk values and Invalid values whose source text is not blank;
// never Empty values. date_of_birth and gender have fixed domains, so an
// Invalid one is never used. Within the tier the attribute's [Policy] rules
// break ties in order, each keeping the records that score best:
//
//   - source_priority: a source listed earlier wins; unlisted sources come
//     after every listed one.
//   - most_recent: the later Person.CreatedOn wins; a missing date loses.
//   - most_frequent: the value shared by the most records of the tier wins
//     (counted on the comparable form, over all records of the tier, not
//     just those the earlier rules kept).
//   - most_complete: the longer comparable form wins ("katherine" over
//     "kate"); every date of birth is equally complete.
//
// A tie that survives every rule goes to the smallest (Source, ID), so the
// outcome never depends on record order.
//
// [DefaultPolicy] prefers contacts to loyalty for every attribute. For the
// person's identity (names, date of birth, gender) it then takes the most
// frequent value, then the most recent; for contact details (email, phone
// and the address parts) the most recent, so the address parts usually come
// from the same record.
//
// # Display values
//
// Customer holds values to show, not comparable forms:
//
//   - first_name, last_name, city: the source text trimmed with inner white
//     space collapsed; text written all in upper or all in lower case is
//     capitalized word by word ("MARY-JO" and "mary-jo" become "Mary-Jo",
//     "o'neil" becomes "O'Neil"); mixed case is kept as written
//     ("McDonald", "van der Berg").
//   - full_name: "first last" from the chosen first and last names, not the
//     sources' FullName column (which holds typos and "Last First" orders);
//     the column, tidied like a name, is used only when the first or last
//     name is missing. A composed full_name is attributed to the record of
//     the first name.
//   - email, phone, postcode: the normalized form (lower-case e-mail, E.164
//     phone, ZIP5 postcode); an Invalid value shows its trimmed source text.
//   - date_of_birth: a [transform.Date].
//   - gender: "Male" or "Female".
//   - state: the two-letter code in upper case; otherwise the source text.
//   - street, country: the source text trimmed, inner white space collapsed
//     ("USA" must not become "Usa").
//
// # Lineage
//
// Customer.From[a] is the index, in the people slice given to Merge, of the
// record attribute a came from, or -1 when a is empty; [Customer.Record]
// turns it into the record, whose Source and ID the customer table shows.
package survive
