package se.vaxel.model;

import java.util.Objects;

/**
 * Where the generated configuration lives inside Asterisk.
 *
 * @param device how a person's phone is dialled; {@code ${EXTEN}} stands for the extension
 * @param switchboardDevice how the switchboard is dialled (a queue or ring group, often a
 *     Local channel into the organisation's own dialplan), or null: dialled like a phone
 * @param ringTimeout seconds a phone rings before voicemail or re-routing
 * @param hints whether the dialplan gives every person's extension a hint (their device and
 *     CustomPresence, for phones that show colleagues' state). Asterisk adds each hint in time
 *     proportional to the hints it already has, on every dialplan reload, so 50,000 hints keep
 *     a reload busy for many minutes; docs/apply.md has the figures per size
 */
public record AsteriskSettings(
    String voicemailContext, String dialplanContext, String device, String switchboardDevice,
    int ringTimeout, boolean hints) {

  public static final String EXTEN_PLACEHOLDER = "${EXTEN}";

  public AsteriskSettings {
    Objects.requireNonNull(voicemailContext, "voicemailContext");
    Objects.requireNonNull(dialplanContext, "dialplanContext");
    Objects.requireNonNull(device, "device");
    if (ringTimeout <= 0) {
      throw new IllegalArgumentException("ringTimeout must be positive: " + ringTimeout);
    }
  }

  public AsteriskSettings(
      String voicemailContext, String dialplanContext, String device, String switchboardDevice,
      int ringTimeout) {
    this(voicemailContext, dialplanContext, device, switchboardDevice, ringTimeout, true);
  }

  public AsteriskSettings(
      String voicemailContext, String dialplanContext, String device, int ringTimeout) {
    this(voicemailContext, dialplanContext, device, null, ringTimeout);
  }

  /** The same settings with hints written or not. */
  public AsteriskSettings withHints(boolean hints) {
    return new AsteriskSettings(voicemailContext, dialplanContext, device, switchboardDevice,
        ringTimeout, hints);
  }

  /** The dial string of the switchboard whose extension is {@code switchboard}. */
  public String switchboardDial(String switchboard) {
    return switchboardDevice != null ? switchboardDevice : deviceFor(switchboard);
  }

  /** The dial string for one extension, e.g. {@code PJSIP/2101}. */
  public String deviceFor(String extension) {
    return device.replace(EXTEN_PLACEHOLDER, extension);
  }

  /**
   * The defaults of a staff file without {@code organisation.id}: the names every earlier vaxel
   * used, so such a file keeps its mailboxes (their messages live in a spool directory named
   * after the voicemail context) and the includes in the PBX's own dialplan.
   */
  public static AsteriskSettings defaults() {
    return new AsteriskSettings("vaxel", "vaxel-staff", "PJSIP/" + EXTEN_PLACEHOLDER, 20);
  }

  /**
   * The defaults of an organisation that declares its id: names of its own, so that several
   * organisations can share one PBX without writing an {@code asterisk} section each.
   */
  public static AsteriskSettings defaultsFor(String organisationId) {
    return new AsteriskSettings("vaxel-" + organisationId, "vaxel-" + organisationId + "-staff",
        "PJSIP/" + EXTEN_PLACEHOLDER, 20);
  }
}
