package server

import (
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/boombuler/barcode/qr"
	"github.com/labstack/echo/v4"

	"cyberportal/data"
	"cyberportal/data/auth"
)

// The set-up link that `cyberportal staff add` prints leads here: the new
// member chooses a password and enrols an authenticator app, confirmed by a
// first code. Only then can the account log in.

type setupPage struct {
	Member *data.StaffMember
	QR     template.URL // the otpauth URI as an SVG image in a data: URI
	Secret string       // the key in base32, for typing in by hand
	Action string
	Errors formErrors
}

// setupMember finds the pending account of the link's token;
// data.ErrNotFound when the link does not work (used, expired or mistyped),
// which setupInvalid answers.
func (s *Server) setupMember(c echo.Context) (*data.StaffMember, error) {
	return s.store.StaffBySetupToken(c.Request().Context(), c.Param("token"), s.now())
}

// setupInvalid is the page for a set-up link that does not work.
func (s *Server) setupInvalid(c echo.Context) error {
	return s.renderStaff(c, http.StatusNotFound, "staff_setup_invalid", "staff.setup.invalid.title", "", nil)
}

func (s *Server) showSetup(c echo.Context) error {
	m, err := s.setupMember(c)
	if errors.Is(err, data.ErrNotFound) {
		return s.setupInvalid(c)
	}
	if err != nil {
		return err
	}
	return s.renderSetup(c, http.StatusOK, m, nil)
}

func (s *Server) renderSetup(c echo.Context, status int, m *data.StaffMember, errs formErrors) error {
	key, err := auth.NewTOTPSecret()
	if err != nil {
		return err
	}
	// The key offered first stays: the phone may have scanned it already.
	if key, err = s.store.OfferTOTPKey(c.Request().Context(), m.ID, key); err != nil {
		return err
	}
	img, err := qrDataURI(auth.TOTPURI(key, s.cfg.SiteName, m.Email))
	if err != nil {
		return err
	}
	return s.renderStaff(c, status, "staff_setup", "staff.setup.title", "", setupPage{
		Member: m, QR: img, Secret: auth.TOTPSecretText(key), Errors: errs,
		Action: "/staff/setup/" + c.Param("token") + "?lang=" + lang(c),
	})
}

// completeSetup checks the new password and the first code, then activates
// the account and sends the member to the login.
func (s *Server) completeSetup(c echo.Context) error {
	now := s.now()
	client := c.RealIP() // staffGuard has let it through the client throttle
	m, err := s.setupMember(c)
	if errors.Is(err, data.ErrNotFound) {
		return s.setupInvalid(c)
	}
	if err != nil {
		return err
	}
	password, confirm, code := c.FormValue("password"), c.FormValue("confirm"), strings.TrimSpace(c.FormValue("code"))
	var errs formErrors
	if problem := auth.PasswordProblem(password, m.Email, s.cfg.SiteName, s.cfg.Municipality); problem != "" {
		errs.add("password", "staff.setup.error.password."+problem)
	} else if confirm != password {
		errs.add("confirm", "staff.setup.error.confirm")
	}
	step, ok := auth.MatchTOTP(m.TOTPPending, code, now, 0)
	if !ok {
		errs.add("code", "staff.setup.error.code")
		s.staff.clients.fail(client, now)
	}
	if len(errs) > 0 {
		return s.renderSetup(c, http.StatusOK, m, errs)
	}
	var hash string
	if err := s.staff.withHashSlot(c.Request().Context(), func() error {
		hash, err = auth.HashPassword(password, s.staff.params)
		return err
	}); err != nil {
		return err
	}
	if err := s.store.CompleteSetup(c.Request().Context(), m.ID, c.Param("token"), hash, lang(c), step, now); err != nil {
		if errors.Is(err, data.ErrNotFound) {
			return s.setupInvalid(c)
		}
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/staff/login?done=setup&lang="+lang(c))
}

// qrDataURI draws text as a QR code (qrSVG) as a data: URI: the CSP
// allows data: images, and no request leaves the page with what it encodes.
func qrDataURI(text string) (template.URL, error) {
	svg, err := qrSVG(text)
	if err != nil {
		return "", err
	}
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg)), nil
}

// qrSVG draws text as a QR code in SVG, one square per dark module, with
// the four-module quiet zone scanners need.
func qrSVG(text string) ([]byte, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("server: qr code: %w", err)
	}
	b := code.Bounds()
	n := b.Dx()
	const quiet = 4
	var svg strings.Builder
	fmt.Fprintf(&svg, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n+2*quiet, n+2*quiet)
	fmt.Fprintf(&svg, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n+2*quiet, n+2*quiet)
	dark := func(x, y int) bool { r, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA(); return r == 0 }
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if !dark(x, y) {
				continue
			}
			run := 1 // one rectangle per run of dark modules keeps the SVG small
			for x+run < n && dark(x+run, y) {
				run++
			}
			fmt.Fprintf(&svg, "M%d %dh%dv1h-%dz", x+quiet, y+quiet, run, run)
			x += run - 1
		}
	}
	svg.WriteString(`"/></svg>`)
	return []byte(svg.String()), nil
}
