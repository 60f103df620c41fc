package se.vaxel.ami;

import java.util.Objects;

/**
 * The presence state of one provider, e.g. {@code CustomPresence:2101}.
 *
 * @param state as Asterisk spells it: not_set, unavailable, available, away, xa, chat, dnd
 * @param subtype free text, "" when not set
 * @param message free text, "" when not set
 */
public record PresenceEntry(String provider, String state, String subtype, String message) {

  public PresenceEntry {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(subtype, "subtype");
    Objects.requireNonNull(message, "message");
  }
}
