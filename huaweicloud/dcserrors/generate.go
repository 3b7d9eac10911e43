package dcserrors

// The tables are generated from data/*.tsv; edit the data, then regenerate.
//go:generate go run ./internal/gentable
