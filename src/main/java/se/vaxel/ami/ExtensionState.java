package se.vaxel.ami;

import java.util.Objects;

/**
 * The state of one hint (ExtensionStateList entry, or an ExtensionStatus event).
 *
 * @param status Asterisk's number: -1 removed, 0 idle, 1 in use, 2 busy, 4 unavailable,
 *     8 ringing, 9 in use and ringing, 16 on hold (ast_extension_state; bits may combine)
 * @param statusText Asterisk's word for it ("Idle", "InUse", ...), "" when not sent
 */
public record ExtensionState(String exten, String context, String hint, int status,
    String statusText) {

  public ExtensionState {
    Objects.requireNonNull(exten, "exten");
    Objects.requireNonNull(context, "context");
    hint = hint == null ? "" : hint;
    statusText = statusText == null ? "" : statusText;
  }

  /** The word the console shows: idle, ringing, inuse, unavailable, unknown. */
  public String simple() {
    if (status < 0) {
      return "unknown";
    }
    if ((status & 8) != 0) {
      return "ringing";
    }
    if ((status & (1 | 2 | 16)) != 0) {
      return "inuse";
    }
    if ((status & 4) != 0) {
      return "unavailable";
    }
    return "idle";
  }
}
