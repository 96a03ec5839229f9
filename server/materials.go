package server

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/data"
	"cyberportal/i18n"
)

// Printable materials (issue 14): every advice article prints as an A4
// awareness sheet (its address written out and as a QR code, who to
// contact, the date reviewed and the content licence), and
// /{lang}/materials lists the sheets, the self-check and a poster for the
// partners who hand them out. QR codes are drawn here as SVG data: URIs,
// so printing needs no request to anyone.

// DefaultContentLicence is the licence of the portal's texts unless
// -content-licence says otherwise.
const DefaultContentLicence = "CC BY 4.0"

// licenceURLs are the deeds of the licences we can link to; any other
// licence is named without a link.
var licenceURLs = map[string]string{
	"CC BY 4.0":    "https://creativecommons.org/licenses/by/4.0/",
	"CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
	"CC0 1.0":      "https://creativecommons.org/publicdomain/zero/1.0/",
}

// printSheet is what an article adds for print.
type printSheet struct {
	URL        string        // the page's address, written out
	QR         template.HTML // the same as a QR code: inline SVG, no request and no data: URI
	Licence    string
	LicenceURL string
	Contacts   []shownChannel
}

// sheetFor builds an article's print additions: the bodies to contact are
// the report flow's channels for the article's threat and audience.
func (s *Server) sheetFor(p *i18n.Printer, a *content.Article) (printSheet, error) {
	sh := printSheet{URL: s.cfg.BaseURL + "/" + a.Lang + "/advice/" + a.Slug, Licence: s.licence(), LicenceURL: licenceURLs[s.licence()]}
	qr, err := qrInline(sh.URL, p.T("sheet.qr", sh.URL))
	if err != nil {
		return printSheet{}, fmt.Errorf("server: sheet %s: %w", a.Slug, err)
	}
	sh.QR = qr
	victim := "citizen"
	if a.Audience == content.AudienceBusiness {
		victim = "business"
	}
	sh.Contacts = showChannels(p, s.lib.Directory(), channelsFor(&data.Report{Incident: a.Threat, Victim: victim}))
	return sh, nil
}

// qrInline draws text as a QR code in inline SVG, labelled for screen
// readers: printing a sheet then needs no request, and the page needs no
// data: URI. The SVG is built by qrSVG from numbers alone; only the label
// comes from outside, and it is escaped.
func qrInline(text, label string) (template.HTML, error) {
	svg, err := qrSVG(text)
	if err != nil {
		return "", err
	}
	open := `<svg role="img" aria-label="` + template.HTMLEscapeString(label) + `" class="qr" `
	return template.HTML(strings.Replace(string(svg), "<svg ", open, 1)), nil // escaped label, SVG from numbers
}

// licence is the configured content licence.
func (s *Server) licence() string {
	if s.cfg.ContentLicence == "" {
		return DefaultContentLicence
	}
	return s.cfg.ContentLicence
}

// materialsPage lists what partners can print.
type materialsPage struct {
	Business, Citizens []*content.Article
	SelfCheck, Report  string // addresses written out
	Licence            string
	LicenceURL         string
}

func (s *Server) showMaterials(c echo.Context) error {
	p := s.printer(c)
	// The page changes only with the binary and the configuration: it is
	// rendered once and kept, like an article.
	return s.renderOnce(c, "materials", func() (page, bool, error) {
		d := materialsPage{SelfCheck: s.cfg.BaseURL + "/" + p.Lang() + "/self-check", Report: s.cfg.BaseURL + "/" + p.Lang() + "/report",
			Licence: s.licence(), LicenceURL: licenceURLs[s.licence()]}
		for _, a := range s.lib.Search(p.Lang(), "", "") {
			if a.Audience == content.AudienceCitizens {
				d.Citizens = append(d.Citizens, a)
			} else {
				d.Business = append(d.Business, a)
			}
		}
		return page{Printer: p, Path: "/materials", Title: p.T("materials.title"), Description: p.T("materials.description"),
			Nav: "advice", Data: d}, true, nil
	})
}

// posterPage is the A4 poster: the self-check and the report form by QR code.
type posterPage struct {
	SelfCheck, Report     string
	SelfCheckQR, ReportQR template.HTML
}

func (s *Server) showPoster(c echo.Context) error {
	p := s.printer(c)
	return s.renderOnce(c, "poster", func() (page, bool, error) {
		d := posterPage{SelfCheck: s.cfg.BaseURL + "/" + p.Lang() + "/self-check", Report: s.cfg.BaseURL + "/" + p.Lang() + "/report"}
		var err error
		if d.SelfCheckQR, err = qrInline(d.SelfCheck, p.T("sheet.qr", d.SelfCheck)); err != nil {
			return page{}, false, err
		}
		if d.ReportQR, err = qrInline(d.Report, p.T("sheet.qr", d.Report)); err != nil {
			return page{}, false, err
		}
		return page{Printer: p, Path: "/materials/poster", Title: p.T("poster.title"), Description: p.T("materials.description"),
			Nav: "advice", Data: d}, true, nil
	})
}
