package se.vaxel.live;

import java.util.Map;
import java.util.Optional;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;

/**
 * The AMI UserEvents vaxel raises so that listeners (the console of {@code vaxel serve}) learn
 * of changes Asterisk itself announces nowhere: the one owner of their names and headers.
 *
 * <ul>
 *   <li>{@code UserEvent: VaxelAbsence}, {@code Org: <organisation id>}, {@code Extension:
 *       <extension>}: a live absence was written or removed (AstDB has no change events), by
 *       {@code AbsenceService} or by the phone codes in the generated dialplan (whose template
 *       gets these names from its model, docs/phone-codes.md). The
 *       listener re-reads the override; the event carries no state, so a lost or repeated
 *       event can never leave a wrong value behind.
 *   <li>{@code UserEvent: VaxelApplied}, {@code Org: <organisation id>}: apply loaded a new
 *       configuration; staff.yaml may have changed.
 * </ul>
 */
public record AbsenceEvent(String org, String extension) {
  public static final String NAME = "VaxelAbsence";
  public static final String APPLIED = "VaxelApplied";
  public static final String ORG = "Org";
  public static final String EXTENSION = "Extension";

  /**
   * Raises VaxelAbsence. A failure is swallowed: the absence is already written and routing
   * honours it; consoles catch up at their next full read.
   */
  public static void raise(AmiClient ami, String org, String extension) {
    try {
      ami.userEvent(NAME, Map.of(ORG, org, EXTENSION, extension));
    } catch (AmiException e) {
      // The write succeeded; the event is a courtesy to listeners.
    }
  }

  /** Raises VaxelApplied, swallowing a failure like {@link #raise}. */
  public static void applied(AmiClient ami, String org) {
    try {
      ami.userEvent(APPLIED, Map.of(ORG, org));
    } catch (AmiException e) {
      // Listeners also watch the staff file itself.
    }
  }

  /** The event's fields from the headers {@link AmiClient#onUserEvent} delivers (lower-case). */
  public static Optional<AbsenceEvent> parse(Map<String, String> headers) {
    String org = headers.get(ORG.toLowerCase(java.util.Locale.ROOT));
    String ext = headers.get(EXTENSION.toLowerCase(java.util.Locale.ROOT));
    return org == null || ext == null ? Optional.empty() : Optional.of(new AbsenceEvent(org, ext));
  }
}
