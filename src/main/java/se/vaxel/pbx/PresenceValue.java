package se.vaxel.pbx;

import se.vaxel.live.LiveOverride;
import se.vaxel.live.EffectiveAbsence;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import se.vaxel.model.Coverage;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.PresenceMessage;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/**
 * A person's presence as published to {@code CustomPresence:<extension>}, for switchboard
 * consoles (BLF with presence) to show who is away, until when, and who answers instead.
 *
 * <p>PRESENCE_STATE splits its value on commas; names cannot contain commas (staff.yaml
 * validation) and nothing else we put in does, so the value cannot be split wrongly.
 */
public record PresenceValue(String state, String subtype, String message) {

  public static final PresenceValue AVAILABLE = new PresenceValue("available", "", "");

  public static String provider(String extension) {
    return "CustomPresence:" + extension;
  }

  /** Writes this presence for {@code extension}: one Setvar of PRESENCE_STATE. */
  public void publish(se.vaxel.ami.AmiClient ami, String extension) {
    ami.setvar(variable(extension), functionValue());
  }

  /** The function that publishes it: {@code PRESENCE_STATE(CustomPresence:2101)}. */
  public static String variable(String extension) {
    return "PRESENCE_STATE(" + provider(extension) + ")";
  }

  /** The value to write with PRESENCE_STATE(...)=. */
  public String functionValue() {
    return state + "," + subtype + "," + message;
  }

  /** Whether the live state already says the same, so nothing needs to be written. */
  public boolean matches(String liveState, String liveSubtype, String liveMessage) {
    if (this.equals(AVAILABLE)) {
      // Never published and published as available both mean "here".
      return liveState.equals("available") || liveState.equals("not_set");
    }
    return state.equals(liveState) && subtype.equals(liveSubtype) && message.equals(liveMessage);
  }

  public static PresenceValue of(Staff staff, Map<String, LiveOverride> overrides, Person person,
      Instant now) {
    return EffectiveAbsence.at(staff, overrides, person, now)
        .map(a -> away(staff, a))
        .orElse(AVAILABLE);
  }

  private static PresenceValue away(Staff staff, EffectiveAbsence a) {
    ZoneId zone = staff.organisation().timezone();
    // The last moment away, as a day: until is exclusive, so midnight belongs to the day before.
    LocalDate lastDay = a.until().minusSeconds(1).atZone(zone).toLocalDate();
    boolean sv = staff.organisation().language() == Language.SV;
    Coverage.Cover cover = a.cover();
    String who = cover.ringsContact()
        ? cover.contact().fullName() + " " + cover.target()
        : PresenceMessage.switchboard(staff.organisation())
            + (cover.why() == Coverage.Why.NO_EXTENSION
                ? (sv ? " (hänvisar till " : " (refers to ") + cover.contact().fullName() + ")"
                : "");
    String message = PresenceMessage.away(staff.organisation(), lastDay.toString(), who);
    return new PresenceValue("away", subtype(a.reason()), message);
  }

  private static String subtype(Reason reason) {
    return reason == null ? Reason.ANNAT.key() : reason.disclosed().key();
  }
}
