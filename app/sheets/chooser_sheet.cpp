// The chooser sheet: over the schedule, the rooms or the tracks of the day to choose from when there are too
// many for chips (FOSDEM: 68 tracks). "All" first, then each one, the current choice marked; typing on the
// on-screen keyboard narrows the list (folded like the search: case, accents, Latin and Cyrillic); a tap
// chooses and closes it, as do Back and a tap beside the sheet. Opened by Action::Kind::OpenChooser
// (AppState::chooser); the options are the schedule's (AppState::schedule_view, app/state/schedule.h).
#include <algorithm>

#include "app/sheets/sheets.h"
#include "app/theme.h"
#include "app/widgets/keyboard.h"
#include "app/widgets/widgets.h"
#include "db/snapshot/search_fold.h"

namespace app {

namespace {

using K = Action::Kind;

// Where the parts of the sheet go in its rectangle.
struct ChooserLayout {
  ImVec2 origin, size;     // the sheet, in screen coordinates
  float list_w;            // the field's and the list's width
  float kb_w, kb_h;        // the keyboard's (its tallest layout, so that switching moves nothing)
  bool beside;             // the keyboard right of the list (landscape), else below it
};

ChooserLayout LayOutChooser(const AppState& s, ImVec2 p, ImVec2 size) {
  const Metrics& m = s.metrics;
  ChooserLayout L;
  L.origin = ImVec2(p.x + m.pad, p.y + m.pad);
  L.size = ImVec2(size.x - 2 * m.pad, size.y - 2 * m.pad);
  L.kb_h = 0;
  for (int i = 0; i < int(KeyboardLayouts().size()); ++i) L.kb_h = std::max(L.kb_h, KeyboardHeight(s, i));
  L.beside = L.size.x > L.size.y * 1.3f;
  L.kb_w = L.beside ? std::min(m.mm(300), L.size.x * 0.5f) : std::min(L.size.x - 2 * m.pad, m.mm(330));
  L.list_w = L.beside ? L.size.x - L.kb_w - m.pad * 4 : L.size.x - 2 * m.pad;
  return L;
}

// The title and Back, then what was typed (or what to type) in a field.
void Header(AppState& s, const ChooserLayout& L) {
  const Metrics& m = s.metrics;
  const char* title = s.chooser == ScheduleChooser::Room ? "schedule.room" : "schedule.track";
  ImGui::SetCursorScreenPos(ImVec2(L.origin.x + m.pad, L.origin.y + m.pad));
  ImGui::BeginGroup();
  if (Button(s, "chooser-close", "\xE2\x80\xB9  " + s.Ui("common.back"), ButtonKind::Secondary)) s.Do({.kind = K::CloseChooser});
  ImGui::SameLine(0, m.gap * 1.5f);
  Text(s.fonts.display, colors::kInk, s.Ui(title), L.list_w - ImGui::GetItemRectSize().x - m.gap * 1.5f);
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(1, m.gap * 0.25f));
  ImGui::SetCursorScreenPos(ImVec2(L.origin.x + m.pad, ImGui::GetCursorScreenPos().y));
  ImVec2 f = ImGui::GetCursorScreenPos();
  const float inner = L.list_w - 2 * m.pad;
  const std::string& placeholder = s.Ui("schedule.chooser_placeholder");
  float field_h = Measure(s.fonts.title, placeholder, inner).y + m.pad * 1.2f;
  CheckFit(s, s.fonts.title, placeholder, inner, field_h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(f, ImVec2(f.x + L.list_w, f.y + field_h), colors::kSurface, m.radius);
  dl->AddRect(f, ImVec2(f.x + L.list_w, f.y + field_h), colors::kAccent, m.radius, 0, m.bold_line);
  ImVec2 tp(f.x + m.pad, f.y + m.pad * 0.6f);
  if (s.chooser_query.empty()) {
    TextAt(dl, s.fonts.title, colors::kMuted, tp, placeholder, inner);
  } else {
    TextAt(dl, s.fonts.title, colors::kInk, tp, s.chooser_query, inner);
    float w = Measure(s.fonts.title, s.chooser_query, inner).x;
    float caret_x = tp.x + w + m.bold_line;
    dl->AddRectFilled(ImVec2(caret_x, tp.y + m.inset), ImVec2(caret_x + m.bold_line, tp.y + s.fonts.title->FontSize - m.inset), colors::kAccent);
  }
  ImGui::Dummy(ImVec2(L.list_w, field_h));
}

// "All", then the options that match what was typed, one finger-sized row each; only the rows in view
// are drawn (ImGuiListClipper: the rows are of one height).
void OptionList(AppState& s, const ChooserLayout& L, float list_h) {
  const Metrics& m = s.metrics;
  const ScheduleView& v = s.schedule_view;
  const bool rooms = s.chooser == ScheduleChooser::Room;
  const std::vector<FilterOption>& options = rooms ? v.rooms : v.tracks;
  const std::string& chosen = rooms ? s.room_filter : s.track_filter;
  const K kind = rooms ? K::FilterRoom : K::FilterTrack;
  const std::vector<std::string> typed = db::SearchWords(s.chooser_query);
  std::vector<const FilterOption*> shown;
  for (const auto& o : options)
    if (OptionMatches(o, typed)) shown.push_back(&o);
  BeginTouchList(s, "chooser-list", ImVec2(L.list_w + m.pad, list_h));
  const float row_h = std::max(m.touch * 1.1f, s.fonts.strong->FontSize + m.pad), text_w = L.list_w - m.pad * 3 - m.touch * 0.6f;
  if (shown.empty() && !typed.empty()) Text(s.fonts.title, colors::kMuted, s.Ui("search.nothing_found"), L.list_w);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()) + 1, row_h + ImGui::GetStyle().ItemSpacing.y);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const FilterOption* o = i ? shown[i - 1] : nullptr;
      const std::string& id = o ? o->id : std::string();
      bool selected = id == chosen;
      ImVec2 p;
      PushId(s, o ? o->id : "all");
      if (Card(s, "option", ImVec2(L.list_w, row_h), &p, selected)) s.Do({.kind = kind, .id = id});
      PopId(s);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      float x = p.x + m.pad;
      if (o && o->color) {
        float r = m.touch * 0.13f;
        dl->AddCircleFilled(ImVec2(x + r, p.y + row_h / 2), r, Rgb(o->color), 24);
        x += 2 * r + m.gap * 0.5f;
      }
      const std::string& label = o ? o->label : s.Ui(rooms ? "schedule.all_rooms" : "schedule.all_tracks");
      ImFont* font = selected ? s.fonts.strong : s.fonts.body;
      CheckFit(s, font, label, text_w, row_h);
      dl->PushClipRect(p, ImVec2(p.x + L.list_w - m.touch * 0.6f - m.pad, p.y + row_h), true);
      TextAt(dl, font, colors::kInk, ImVec2(x, p.y + (row_h - Measure(font, label, text_w).y) / 2), label, text_w);
      dl->PopClipRect();
      if (selected) CheckMark(dl, ImVec2(p.x + L.list_w - m.pad - m.touch * 0.3f, p.y + row_h / 2), m.touch * 0.45f, m.bold_line, colors::kAccent);
    }
  ImGui::Dummy(ImVec2(1, m.pad));
  EndTouchList(s);
}

}  // namespace

void DrawChooserSheet(AppState& s, ImVec2 size) {
  const Metrics& m = s.metrics;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), colors::Alpha(colors::kScrim, 0x99));
  const ChooserLayout L = LayOutChooser(s, p, size);
  dl->AddRectFilled(L.origin, ImVec2(L.origin.x + L.size.x, L.origin.y + L.size.y), colors::kPaper, m.radius);
  Header(s, L);
  float list_top = ImGui::GetCursorScreenPos().y + m.gap * 0.5f;
  float list_bottom = L.beside ? L.origin.y + L.size.y - m.pad : L.origin.y + L.size.y - L.kb_h - m.pad * 2;
  ImGui::SetCursorScreenPos(ImVec2(L.origin.x + m.pad, list_top));
  OptionList(s, L, std::max(m.touch, list_bottom - list_top));
  // The keyboard, in the sheet's lower right (beside) or centred at its bottom.
  float kb_x = L.beside ? L.origin.x + L.size.x - L.kb_w - m.pad : L.origin.x + (L.size.x - L.kb_w) / 2;
  ImGui::SetCursorScreenPos(ImVec2(kb_x, L.origin.y + L.size.y - L.kb_h - m.pad));
  DrawKeyboard(s, L.kb_w);
  // A tap beside the sheet closes it (on the sheet itself, between its controls, it does nothing).
  // Submitted last, so that the controls win their own touches.
  ImGui::SetCursorScreenPos(p);
  const ImVec2 at = ImGui::GetIO().MouseClickedPos[0];
  bool beside = at.x < L.origin.x || at.y < L.origin.y || at.x > L.origin.x + L.size.x || at.y > L.origin.y + L.size.y;
  if (TapArea(s, "dismiss", size) && beside) s.Do({.kind = K::CloseChooser});
}

}  // namespace app
