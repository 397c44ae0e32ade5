package main

import "testing"

// TestREADMETeamWalkthrough runs the README's walkthrough of the demo's own
// problem types against a freshly started demo, as TestREADMEWalkthrough
// does for the main one.
func TestREADMETeamWalkthrough(t *testing.T) {
	runWalkthrough(t, "team-walkthrough", 5)
}
