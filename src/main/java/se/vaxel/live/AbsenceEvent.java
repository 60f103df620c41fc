package se.vaxel.live;

/**
 * The AMI event the phone codes raise after every absence they write ({@code UserEvent} in the
 * codes context of the generated dialplan, docs/phone-codes.md), so a console that listens on
 * AMI sees a phone-set absence at once instead of at its next poll. The one owner of the
 * event's name and headers: the dialplan template gets them from its model, a listener reads
 * them from here. Asterisk delivers it as {@code Event: UserEvent}, {@code UserEvent: NAME}.
 */
public final class AbsenceEvent {
  /** The UserEvent name. */
  public static final String NAME = "VaxelAbsence";
  /** Header: the organisation's id (staff.yaml), as the dialplan's VAXEL_ORG has it. */
  public static final String ORG = "Org";
  /** Header: the extension whose absence changed. */
  public static final String EXTENSION = "Extension";

  private AbsenceEvent() {}
}
