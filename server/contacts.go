package server

import (
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"cyberportal/content"
	"cyberportal/i18n"
)

// contactsPage lists the directory of official bodies twice: by what the
// reader is facing, and by country, each entry with the date it was checked.
type contactsPage struct {
	Situations []contactGroup
	Countries  []contactGroup
}

// contactGroup is one heading of the contacts page and its bodies.
type contactGroup struct {
	ID     string // situation or country code, for the anchor and the heading key
	Bodies []*content.Body
}

// showContacts is /{lang}/contacts: who can help, from the directory.
func (s *Server) showContacts(c echo.Context) error {
	p := s.printer(c)
	return s.renderOnce(c, "contacts", func() (page, bool, error) {
		return page{
			Printer: p, Path: "/contacts", Title: p.T("contacts.title"), Description: p.T("contacts.description"), Nav: "contacts",
			Data: contactsData(s.lib.Directory(), p.Lang()),
		}, true, nil
	})
}

// contactsData groups the directory: within a group the reader's own
// country comes first (the Netherlands, then the neighbours, as in
// content.Countries), then by name in the page's language.
func contactsData(dir *content.Directory, lang string) contactsPage {
	bodies := dir.Bodies()
	rank := map[string]int{}
	for i, c := range content.Countries {
		rank[c] = i
	}
	sort.SliceStable(bodies, func(i, j int) bool {
		a, b := bodies[i], bodies[j]
		if rank[a.Country] != rank[b.Country] {
			return rank[a.Country] < rank[b.Country]
		}
		return i18n.Fold(a.Name[lang]) < i18n.Fold(b.Name[lang])
	})
	var d contactsPage
	for _, sit := range content.Situations {
		g := contactGroup{ID: sit}
		for _, b := range bodies {
			for _, bs := range b.Situations {
				if bs == sit {
					g.Bodies = append(g.Bodies, b)
				}
			}
		}
		d.Situations = append(d.Situations, g)
	}
	for _, country := range content.Countries {
		g := contactGroup{ID: country}
		for _, b := range bodies {
			if b.Country == country {
				g.Bodies = append(g.Bodies, b)
			}
		}
		if len(g.Bodies) > 0 {
			d.Countries = append(d.Countries, g)
		}
	}
	return d
}

// contactCardView is one directory entry as the contacts page shows it, in
// the page's language; Full adds purpose, hours and languages.
type contactCardView struct {
	P                               *page
	Body                            *content.Body
	Name, Purpose, Hours, Languages string
	Full                            bool
}

// contactCard is the template function behind the contact-card partial.
func contactCard(p *page, b *content.Body, full bool) contactCardView {
	lang := p.Lang()
	v := contactCardView{P: p, Body: b, Name: b.Name[lang], Purpose: b.Purpose[lang], Hours: b.Hours[lang], Full: full}
	names := make([]string, 0, len(b.Languages))
	for _, l := range b.Languages {
		names = append(names, p.T("contacts.language."+l))
	}
	v.Languages = strings.Join(names, ", ")
	return v
}
