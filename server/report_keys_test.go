package server

import (
	"slices"

	"cyberportal/data"
)

// reportKeyValues completes the translation keys the report pages build at
// run time, from the same lists the code uses, so a new code or step
// without its message fails TestEveryUsedKeyExists.
func reportKeyValues(prefix string) []string {
	c := data.ReportCodes
	switch prefix {
	case "code.victim.":
		return c.Victim
	case "code.size.":
		return c.CompanySize
	case "code.sector.":
		return c.Sector
	case "code.incident.", "report.incident_hint.":
		return c.Incident
	case "code.channel.":
		return c.Channel
	case "code.municipality.":
		return c.Municipality
	case "code.loss.":
		return c.Loss
	case "code.recovered.":
		return c.Recovered
	case "code.ransom.":
		return c.RansomPaid
	case "code.police.":
		return c.Police
	case "report.error.":
		// Validate builds report.error.<field>; fields with a list, plus
		// the messages named in full.
		return []string{"victim", "company_size", "sector", "incident", "channel", "when", "when_future",
			"municipality", "loss", "recovered", "ransom_paid", "police", "text_long"}
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
	for _, victim := range data.ReportCodes.Victim {
		for _, incident := range data.ReportCodes.Incident {
			for _, loss := range data.ReportCodes.Loss {
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
