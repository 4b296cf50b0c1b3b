// Package differential holds only tests: the drop-in packages against the official
// builders (go-tokenbuilder v1.3.0 in-process, the PyPI and npm peers through
// scripts/peers), and benchmarks against go-tokenbuilder.
package differential
