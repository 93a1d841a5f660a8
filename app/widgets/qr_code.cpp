#include "app/widgets/qr_code.h"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/state/format.h"
#include "app/theme.h"
#include "app/widgets/widgets.h"
#include "db/base/text.h"

namespace app {

namespace {

// vCard 3.0 text values: backslash, comma, semicolon and line breaks escaped.
std::string Esc(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == ',' || c == ';') out += {'\\', c};
    else if (c == '\n') out += "\\n";
    else if (c != '\r') out += c;
  }
  return out;
}

// iCalendar UTC time: 20220928T040000Z.
std::string IcsTime(int64_t utc) {
  std::string d = LocalDate(utc, 0), t = ClockTime(utc, 0);
  d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
  t.erase(std::remove(t.begin(), t.end(), ':'), t.end());
  return d + "T" + t + "00Z";
}

}  // namespace

std::string VCard(const AppState& s, const db::Organization& o) {
  const db::Catalog& c = *s.catalog;
  std::string name = s.Tr(o.name), out = "BEGIN:VCARD\r\nVERSION:3.0\r\n";
  out += "N:" + Esc(name) + ";;;;\r\nFN:" + Esc(name) + "\r\nORG:" + Esc(name) + "\r\n";
  if (!o.phone.empty()) out += "TEL;TYPE=WORK:" + Esc(o.phone) + "\r\n";
  if (!o.email.empty()) out += "EMAIL;TYPE=INTERNET:" + Esc(o.email) + "\r\n";
  if (!o.website.empty()) out += "URL:" + o.website + "\r\n";
  const db::Country* country = c.FindCountry(o.country_code);
  if (country || !s.Tr(o.city).empty())
    out += "ADR;TYPE=WORK:;;;" + Esc(s.Tr(o.city)) + ";;;" + Esc(country ? s.Tr(country->name) : std::string()) + "\r\n";
  if (const db::Exhibitor* e = c.FindExhibitor(o.id))
    if (const db::Location* b = c.FindLocation(e->booth_id))
      out += "NOTE:" + Esc(s.Ui("exhibitors.booth") + " " + b->label + ", " + s.Tr(c.forum.title)) + "\r\n";
  return out + "END:VCARD\r\n";
}

std::string SessionEvent(const AppState& s, const db::Session& x) {
  const db::Catalog& c = *s.catalog;
  std::string out = "BEGIN:VEVENT\r\nSUMMARY:" + Esc(s.Tr(x.title)) + "\r\nDTSTART:" + IcsTime(x.starts_utc) +
                    "\r\nDTEND:" + IcsTime(x.ends_utc) + "\r\n";
  std::string where = s.Tr(c.forum.title);
  if (const db::Room* r = c.FindRoom(x.room_id)) where = s.Tr(r->name) + ", " + where;
  return out + "LOCATION:" + Esc(where) + "\r\nEND:VEVENT\r\n";
}

std::string AgreementText(const AppState& s, const db::Agreement& a) {
  const db::Catalog& c = *s.catalog;
  std::string out = s.Tr(a.title);
  if (!a.signed_date.empty()) out += "\n" + FormatDate(s, a.signed_date);
  if (!s.Tr(a.place).empty()) out += ", " + s.Tr(a.place);
  for (const auto& p : a.parties)
    if (const db::Organization* o = c.FindOrganization(p.organization_id)) out += "\n- " + s.Tr(o->name);
  return out;
}

namespace {

using Qr = std::unique_ptr<QRcode, void (*)(QRcode*)>;

// The QR code of `payload` (null when too long), and its module size for `width`.
Qr Encode(const AppState& s, const std::string& payload, float width, float& module) {
  // Byte mode carries no charset (libqrencode writes no ECI); a UTF-8 byte-order mark in front tells readers
  // the text is UTF-8, as phones and zbar expect, when it has letters beyond ASCII.
  bool ascii = std::all_of(payload.begin(), payload.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::string data = ascii ? payload : "\xEF\xBB\xBF" + payload;
  Qr qr(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!qr) return qr;
  const Metrics& m = s.metrics;
  int n = qr->width, quiet = 4;
  // 1 mm modules where there is room (55 mm for a typical vCard), never under 0.8 mm.
  module = std::floor(std::max(m.mm(0.8f), std::min(m.mm(1.0f), width * 0.5f / (n + 2 * quiet))));
  module = std::max(module, 2.0f);  // device pixels: a module of one pixel blurs for a phone's camera
  return qr;
}

}  // namespace

float TakeAlongHeight(const AppState& s, const std::string& payload, float width) {
  float module = 0;
  Qr qr = Encode(s, payload, width, module);
  return qr ? module * (qr->width + 8) : 0;
}

bool TakeAlong(AppState& s, const std::string& payload, const std::string& caption, float width) {
  float module = 0;
  Qr qr = Encode(s, payload, width, module);
  if (!qr) return false;
  const Metrics& m = s.metrics;
  int n = qr->width, quiet = 4;
  float side = module * (n + 2 * quiet);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), colors::kPictureBack);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr->data[y * n + x] & 1) {
        ImVec2 a(p.x + (x + quiet) * module, p.y + (y + quiet) * module);
        dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), colors::kQrDark);
      }
  if (!caption.empty()) {
    float tx = p.x + side + m.gap, tw = std::max(1.f, width - side - m.gap);
    float y = p.y + m.gap;
    y += TextAt(dl, s.fonts.strong, colors::kInk, ImVec2(tx, y), caption, tw) + m.gap * 0.3f;
    TextAt(dl, s.fonts.body, colors::kMuted, ImVec2(tx, y), s.Ui("qr.scan"), tw);
    CheckFit(s, s.fonts.strong, caption, tw, side);
  }
  if (s.shown) s.shown->push_back({"qr/" + caption, p.x, p.y, p.x + side, p.y + side});
  ImGui::Dummy(ImVec2(width, side));
  return true;
}

}  // namespace app
