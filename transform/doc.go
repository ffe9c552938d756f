// Package transform turns raw source values into comparable ones and maps a
// source record onto a Person, the profile record the matching engine
// compares.
//
// Each normalizer takes the text as read and returns its best comparable
// form with a Status (Empty, OK, Invalid, Junk), the way encoding/csv
// returns a partial record with its error: the caller decides what to do
// with an Invalid value. The rules, in short:
//
//   - names, cities, streets and free text are folded (Fold): NFKC, accents
//     removed, lower case, apostrophes and periods dropped, other
//     punctuation turned into single spaces ("Smith-Jones" -> "smith
//     jones"); streets and cities also get their abbreviations spelled out;
//   - full names lose titles and suffixes and are split into given name and
//     surname by ParseFullName, using the record's own FirstName or
//     LastName to detect "Last First" order; Nickname maps common US
//     nicknames to the formal name;
//   - e-mail addresses are lower-cased and checked (NormalizeEmail);
//     placeholders such as test@test.com are Junk;
//   - phone numbers become E.164 when github.com/nyaruka/phonenumbers says
//     they are valid (NormalizePhone), and PhoneDigits keeps a digits-only
//     form that can be compared when they are not;
//   - dates are read in the forms sources write (ParseDate) and checked
//     against the calendar and the run's as-of date;
//   - US ZIP codes become ZIP5; states become USPS codes; gender becomes
//     "m" or "f".
//
// Normalizer.Person applies all of them to one record, given a Mapping from
// attribute types to source fields. Everything here is pure Go, does no I/O
// and is safe for concurrent use.
package transform
