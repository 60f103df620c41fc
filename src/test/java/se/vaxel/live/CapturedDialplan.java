package se.vaxel.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.model.AsteriskSettings;

/**
 * ShowDialPlan entries as the real Asterisk 22 of scripts/asterisk-sandbox returned them after
 * {@code vaxel apply} of the ItStaff file (device {@code Local/${EXTEN}@vaxel-test-phones},
 * ring timeout 5), copied verbatim; {@link #staff(int)} and friends repeat the same shapes for
 * any number of people. One edit since the capture: the family in DB_EXISTS is vaxel-it-absence,
 * the name per-organisation families (model.DialplanContexts) give vaxel-it-staff; and the
 * route's step 2, {@code Set(__VAXEL_ORG=...)}, added with the organisation's channel variable
 * and numbered on as Asterisk numbers every "n" (CheckIT compares the real listing with the
 * generated file, so a wrong shape here would not go unnoticed there).
 */
final class CapturedDialplan {
  static final AsteriskSettings SETTINGS =
      new AsteriskSettings("vaxel-it", "vaxel-it-staff", "Local/${EXTEN}@vaxel-test-phones", 5);
  static final String FINGERPRINT = "sha256:b26492c011d3070b12419905f4f4c042";

  static final String STAFF = "vaxel-it-staff";
  static final String ROUTE = "vaxel-it-staff-route";
  static final String ABSENCE = "vaxel-it-staff-absence";
  static final String PLANNED = "vaxel-it-staff-planned";
  static final String PROBE = "vaxel-it-staff-probe";
  /** The first part of the staff and the planned context, where the capture's people are. */
  static final String STAFF_P1 = "vaxel-it-staff-p0001";
  static final String PLANNED_P1 = "vaxel-it-staff-planned-p0001";

  private CapturedDialplan() {}

  static DialplanEntry e(String context, String ext, int priority, String label, String app,
      String data) {
    return new DialplanEntry(context, ext, priority, label, app, data, "pbx_config");
  }

  /** The name of part {@code number} (from 1) of {@code base}. */
  static String part(String base, int number) {
    return String.format("%s-p%04d", base, number);
  }

  /** What the staff (or planned) context itself holds: an include of each of its parts. */
  static List<DialplanEntry> includes(String base, int parts) {
    List<DialplanEntry> out = new ArrayList<>();
    for (int i = 1; i <= parts; i++) {
      out.add(e(base, "", DialplanEntry.INCLUDE, "", part(base, i), ""));
    }
    return out;
  }

  /** How many parts of 1,000 {@code people} extensions need (at least one). */
  static int parts(int people) {
    return Math.max(1, (people + 999) / 1000);
  }

  /**
   * The parts of the staff context for extensions 2201, 2202, ... (the capture had 2201-2205
   * in vaxel-it-staff-p0001), 1,000 to a part.
   */
  static List<DialplanEntry> staff(int people) {
    List<DialplanEntry> out = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      String ext = Integer.toString(2201 + i);
      String c = part(STAFF, i / 1000 + 1);
      out.add(e(c, ext, DialplanEntry.HINT, "",
          "Local/" + ext + "@vaxel-test-phones,CustomPresence:" + ext, ""));
      out.add(e(c, ext, 1, "", "Gosub", "vaxel-it-staff-route,s,1(" + ext + ")"));
      out.add(e(c, ext, 2, "", "Hangup", ""));
      // Added with the feature codes after the capture; PhoneCodesIT has the real Asterisk
      // find it by its label.
      out.add(e(c, ext, 3, "id", "Return", "p" + ext));
    }
    return out;
  }

  /**
   * Every context of ours as LoadedDialplan.read keeps it from ShowDialPlan, for {@code people}
   * from 2201 with the windows of {@link #planned(int)}, without the probe context.
   */
  static Map<String, List<DialplanEntry>> loaded(int people) {
    Map<String, List<DialplanEntry>> out = new LinkedHashMap<>();
    out.put(STAFF, includes(STAFF, parts(people)));
    for (DialplanEntry entry : staff(people)) {
      out.computeIfAbsent(entry.context(), k -> new ArrayList<>()).add(entry);
    }
    out.put(ROUTE, route());
    out.put(ABSENCE, absence());
    out.put(PLANNED, includes(PLANNED, parts(people - 1)));
    for (DialplanEntry entry : planned(people)) {
      out.computeIfAbsent(entry.context(), k -> new ArrayList<>()).add(entry);
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return out;
  }

  static List<DialplanEntry> route() {
    return List.of(
        e(ROUTE, "fingerprint", 1, "", "Return", FINGERPRINT),
        e(ROUTE, "s", 1, "", "Set", "LOCAL(ext)=${ARG1}"),
        e(ROUTE, "s", 2, "", "Set", "__VAXEL_ORG=testby-kommun"),
        e(ROUTE, "s", 3, "", "Gosub", "vaxel-it-staff-absence,${ext},1"),
        e(ROUTE, "s", 4, "", "GotoIf", "$[\"${GOSUB_RETVAL}\" = \"\"]?present"),
        e(ROUTE, "s", 5, "", "Set", "LOCAL(target)=${GOSUB_RETVAL}"),
        e(ROUTE, "s", 6, "", "GotoIf", "$[\"${target}\" = \"-\"]?switchboard"),
        e(ROUTE, "s", 7, "", "Gosub", "vaxel-it-staff-absence,${target},1"),
        e(ROUTE, "s", 8, "", "GotoIf", "$[\"${GOSUB_RETVAL}\" != \"\"]?switchboard"),
        e(ROUTE, "s", 9, "", "Set", "VAXEL_ROUTE=alternate"),
        e(ROUTE, "s", 10, "", "Dial", "Local/${target}@vaxel-test-phones,5"),
        e(ROUTE, "s", 11, "", "Goto", "absent-voicemail"),
        e(ROUTE, "s", 12, "switchboard", "Set", "VAXEL_ROUTE=switchboard"),
        e(ROUTE, "s", 13, "", "Dial", "Local/100@vaxel-test-phones,5"),
        e(ROUTE, "s", 14, "absent-voicemail", "GotoIf", "$[\"${DIALSTATUS}\" = \"ANSWER\"]?done"),
        e(ROUTE, "s", 15, "", "VoiceMail", "${ext}@vaxel-it,u"),
        e(ROUTE, "s", 16, "done", "Return", ""),
        e(ROUTE, "s", 17, "present", "Set", "VAXEL_ROUTE=direct"),
        e(ROUTE, "s", 18, "", "Dial", "Local/${ext}@vaxel-test-phones,5"),
        e(ROUTE, "s", 19, "", "GotoIf", "$[\"${DIALSTATUS}\" = \"ANSWER\"]?done"),
        e(ROUTE, "s", 20, "", "VoiceMail",
            "${ext}@vaxel-it,${IF($[\"${DIALSTATUS}\" = \"BUSY\"]?b:u)}"),
        e(ROUTE, "s", 21, "", "Return", ""));
  }

  static List<DialplanEntry> absence() {
    return List.of(
        e(ABSENCE, "_X.", 1, "", "GotoIf",
            "$[${DB_EXISTS(vaxel-it-absence/${EXTEN})} = 0]?planned"),
        e(ABSENCE, "_X.", 2, "", "Set", "LOCAL(o)=${DB_RESULT}"),
        e(ABSENCE, "_X.", 3, "", "GotoIf",
            "$[${EPOCH} < 0${CUT(o,|,2)} | ${EPOCH} >= 0${CUT(o,|,3)}]?planned"),
        e(ABSENCE, "_X.", 4, "", "GotoIf", "$[\"${CUT(o,|,1)}\" = \"present\"]?present"),
        e(ABSENCE, "_X.", 5, "", "Return",
            "${IF($[\"${CUT(o,|,4)}\" = \"\"]?-:${CUT(o,|,4)})}"),
        e(ABSENCE, "_X.", 6, "present", "Return", ""),
        e(ABSENCE, "_X.", 7, "planned", "Goto", "vaxel-it-staff-planned,${EXTEN},1"));
  }

  /**
   * The first (and only) part of the planned context: 2202 -> 2201, 2203 -> 2204, 2204 -> 2201,
   * 2205 -> 2201; 2201 has no absence.
   */
  static List<DialplanEntry> planned() {
    return List.of(
        e(PLANNED_P1, "2202", 1, "", "NoOp", "anna.away"),
        e(PLANNED_P1, "2202", 2, "", "ExecIf",
            "$[${EPOCH} >= 1795042800 & ${EPOCH} < 1795734000]?Return(2201)"),
        e(PLANNED_P1, "2202", 3, "", "Return", ""),
        e(PLANNED_P1, "2203", 1, "", "NoOp", "bo.away"),
        e(PLANNED_P1, "2203", 2, "", "ExecIf",
            "$[${EPOCH} >= 1795129200 & ${EPOCH} < 1795561200]?Return(2204)"),
        e(PLANNED_P1, "2203", 3, "", "Return", ""),
        e(PLANNED_P1, "2204", 1, "", "NoOp", "cia.away"),
        e(PLANNED_P1, "2204", 2, "", "ExecIf",
            "$[${EPOCH} >= 1795129200 & ${EPOCH} < 1795561200]?Return(2201)"),
        e(PLANNED_P1, "2204", 3, "", "Return", ""),
        e(PLANNED_P1, "2205", 1, "", "NoOp", "dan.tomorrow"),
        e(PLANNED_P1, "2205", 2, "", "ExecIf",
            "$[${EPOCH} >= 1795302000 & ${EPOCH} < 1795647600]?Return(2201)"),
        e(PLANNED_P1, "2205", 3, "", "Return", ""),
        e(PLANNED_P1, "_X.", 1, "", "Return", ""));
  }

  /**
   * The parts of the planned context with one window per person from 2202 on, as for a large
   * staff, 1,000 to a part; the catch-all ends the last part.
   */
  static List<DialplanEntry> planned(int people) {
    List<DialplanEntry> out = new ArrayList<>();
    for (int i = 1; i < people; i++) {
      String ext = Integer.toString(2201 + i);
      String c = part(PLANNED, (i - 1) / 1000 + 1);
      out.add(e(c, ext, 1, "", "NoOp", "person." + i));
      out.add(e(c, ext, 2, "", "ExecIf",
          "$[${EPOCH} >= 1795042800 & ${EPOCH} < 1795734000]?Return(2201)"));
      out.add(e(c, ext, 3, "", "Return", ""));
    }
    out.add(e(part(PLANNED, parts(people - 1)), "_X.", 1, "", "Return", ""));
    return out;
  }

  /**
   * A context written to probe how ShowDialPlan hands back what extensions.conf says, loaded
   * into the sandbox Asterisk 22 with {@code dialplan reload}; {@link #quirks()} is what
   * ShowDialPlan listed for it, verbatim.
   */
  static final String QUIRKS_CONF = String.join("\n",
      "[dpcap]",
      "include => dpcap-other",
      "switch => Loopback/foo@bar",
      "ignorepat => 9",
      "exten => 100,1,NoOp( spaced  data )",
      " same => n(lab),hangup()",
      " same => n,Set(x=1) ; comment",
      " same => n,ExecIf($[${EPOCH} >= 1 & ${EPOCH} < 2]?Return(3))",
      " same => n,Verbose(semi\\;colon)",
      " same => n,Answer",
      "exten => 100,hint,PJSIP/100&CustomPresence:100",
      "exten => _X.,1,Return()",
      "");

  /** ShowDialPlan of context dpcap after loading {@link #QUIRKS_CONF} (the ignorepat is left out). */
  static List<DialplanEntry> quirks() {
    String c = "dpcap";
    return List.of(
        e(c, "100", DialplanEntry.HINT, "", "PJSIP/100&CustomPresence:100", ""),
        e(c, "100", 1, "", "NoOp", " spaced  data "),
        e(c, "100", 2, "lab", "hangup", ""),
        e(c, "100", 3, "", "Set", "x=1"),
        e(c, "100", 4, "", "ExecIf", "$[${EPOCH} >= 1 & ${EPOCH} < 2]?Return(3)"),
        e(c, "100", 5, "", "Verbose", "semi;colon"),
        e(c, "100", 6, "", "Answer", ""),
        e(c, "_X.", 1, "", "Return", ""),
        e(c, "", DialplanEntry.INCLUDE, "", "dpcap-other", ""),
        e(c, "", DialplanEntry.SWITCH, "", "Loopback/foo@bar", ""));
  }
}
