package server

import (
	"slices"

	"cyberportal/data"
	"cyberportal/data/vocab"
)

// reportKeyValues completes the translation keys the report pages build at
// run time, from the same lists the code uses, so a new code or step
// without its message fails TestEveryUsedKeyExists.
func reportKeyValues(prefix string) []string {
	if prefix == "report.incident_hint." {
		return vocab.Incident.Codes()
	}
	for _, l := range vocab.Lists() {
		if prefix == l.LabelPrefix() {
			return l.Codes()
		}
	}
	switch prefix {
	case "report.error.":
		// Validate builds report.error.<list name>, plus the messages
		// named in full.
		out := []string{"when", "when_future", "text_long"}
		for _, l := range vocab.Lists() {
			out = append(out, l.Name())
		}
		return out
	case "report.step.":
		return allReachableSteps()
	case "report.channel.":
		var out []string
		for _, ch := range allChannels {
			out = append(out, ch.Key+".text")
		}
		return out
	}
	panic("no values for " + prefix)
}

// allReachableSteps runs nextSteps on every combination of the answers it
// looks at and collects the step names it can give.
func allReachableSteps() []string {
	var out []string
	for _, victim := range vocab.Victim.Codes() {
		for _, incident := range vocab.Incident.Codes() {
			for _, loss := range vocab.Loss.Codes() {
				for _, ransom := range []string{"", "yes", "no"} {
					r := &data.Report{Victim: victim, Incident: incident, Loss: loss, RansomPaid: ransom}
					for _, st := range nextSteps(r) {
						if !slices.Contains(out, st) {
							out = append(out, st)
						}
					}
				}
			}
		}
	}
	return out
}
