package se.vaxel.ami;

import java.util.Objects;

/**
 * The state of an extension that has a hint (one entry of ExtensionStateList).
 *
 * @param hint the hint's devices, e.g. "PJSIP/2101&amp;CustomPresence:2101"
 * @param status Asterisk's extension state number: -1 removed, 0 idle, 1 in use, 2 busy, 4
 *     unavailable, 8 ringing, 16 on hold
 * @param statusText e.g. "Idle", "Unavailable"
 */
public record ExtensionStateEntry(
    String context, String extension, String hint, int status, String statusText) {

  public ExtensionStateEntry {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(statusText, "statusText");
  }

  /** The key {@link AmiClient#extensionStates()} files this entry under. */
  public String key() {
    return extension + "@" + context;
  }
}
