// "Take it with you": what a visitor can carry off on their phone, as a QR code (libqrencode) readable with
// no network: an exhibitor's contacts as a vCard, a session as a calendar event, an agreement as text.
#pragma once
#include <string>

#include "app/state/app_state.h"

namespace app {

std::string VCard(const AppState& s, const db::Organization& o);         // vCard 3.0, CRLF lines
std::string SessionEvent(const AppState& s, const db::Session& x);       // iCalendar VEVENT
std::string AgreementText(const AppState& s, const db::Agreement& a);    // title, date, parties

// Draws the QR code of `payload` at the cursor with, beside it, `caption`: what the code holds, in the
// visitor's words ("Save the contact", "Add to calendar"), and how to take it. Returns false (and draws
// nothing) when the payload is too long for a QR code. Modules are whole pixels, at least 0.8 mm, with the
// 4-module quiet zone, so an ordinary phone reads it from 40 cm. An empty caption: the code alone (the caller
// says what it holds, above it, say).
bool TakeAlong(AppState& s, const std::string& payload, const std::string& caption, float width);
// The height TakeAlong draws `payload` in at `width`; 0 when it is too long for a QR code.
float TakeAlongHeight(const AppState& s, const std::string& payload, float width);

}  // namespace app
