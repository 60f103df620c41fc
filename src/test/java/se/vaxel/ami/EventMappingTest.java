package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asteriskjava.manager.event.EndpointList;
import org.asteriskjava.manager.event.ListDialplanEvent;
import org.asteriskjava.manager.event.VoicemailUserEntryEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AsteriskJavaExtensions.ContactEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetTreeEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.PresenceStateEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.Verbatim;

/** Events built by hand the way the library fills them from Asterisk 22's headers. */
class EventMappingTest {

  private final Object source = this;

  @Test
  void aVoicemailUserEntryBecomesAMailboxWithEmptyTextForMissingHeaders() {
    VoicemailUserEntryEvent e = new VoicemailUserEntryEvent(source);
    e.setVmContext("vaxel");
    e.setVoicemailbox("2101");
    e.setFullname("Calle Carlsson");
    e.setEmail(null); // Asterisk's "Email: (null)"
    e.setAttachMessage(true);
    e.setNewMessageCount(3);
    e.setOldMessageCount(1);
    e.setMaxMessageCount(100);
    e.setMaxMessageLength(300);
    assertEquals(
        new VoicemailBox(
            "vaxel", "2101", "Calle Carlsson", "", "", "", "", true, 3, 1, 100, 300),
        EventMapping.voicemailBox(e));
  }

  private static DbGetTreeEntryEvent dbEntry(String key, String value) {
    DbGetTreeEntryEvent e = new DbGetTreeEntryEvent(new Object());
    e.setKey(key);
    e.setVal(new Verbatim(value));
    return e;
  }

  @Test
  void aDbTreeIsKeyedWithoutTheFamilyAndKeepsValuesVerbatim() {
    Map<String, String> tree =
        EventMapping.dbTree(
            "vaxel/absence",
            List.of(
                dbEntry("/vaxel/absence/2102", "none"),
                dbEntry("/vaxel/absence/2101", "2026-08-01|2102|Semester"),
                dbEntry("/vaxel/absence-old/2101", "another family")));
    assertEquals(
        Map.of("2101", "2026-08-01|2102|Semester", "2102", "none"), tree);
    assertEquals(List.of("2101", "2102"), List.copyOf(tree.keySet()));
  }

  @Test
  void aPresenceListEntryPrefersPresenceMessage() {
    PresenceStateEntryEvent e = new PresenceStateEntryEvent(source);
    e.setPresentity("CustomPresence:2101");
    e.setStatus("away");
    e.setSubtype("Semester");
    e.setMessage("Presence State\ntill 2026-08-01");
    assertEquals(
        new PresenceEntry("CustomPresence:2101", "away", "Semester", "till 2026-08-01"),
        EventMapping.presence(e));
    e.setPresenceMessage("till 2026-08-01, ask 2102");
    assertEquals("till 2026-08-01, ask 2102", EventMapping.presence(e).message());
  }

  private static ManagerResponse response(Map<String, Object> attributes) {
    ManagerResponse response = new ManagerResponse();
    response.setAttributes(new HashMap<>(attributes));
    return response;
  }

  @Test
  void aPresenceListEntryIsDecodedFromAsterisksCEscapes() {
    // As Asterisk 22 listed "O'Brien \"Nick\" ? x\y" (main/presencestate.c escapes the list).
    PresenceStateEntryEvent e = new PresenceStateEntryEvent(source);
    e.setPresentity("CustomPresence:2101");
    e.setStatus("away");
    e.setSubtype("annat");
    e.setMessage("O\\'Brien \\\"Nick\\\" \\? x\\\\y");
    assertEquals("O'Brien \"Nick\" ? x\\y", EventMapping.presence(e).message());
  }

  @Test
  void cEscapesAreUndoneOneByOne() {
    assertEquals("\u0007\b\f\n\r\t\u000B\\'\"?", EventMapping.unescapeC(
        "\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"\\?"));
    assertEquals("a\\xb\\", EventMapping.unescapeC("a\\xb\\"), "not an escape: kept");
  }

  @Test
  void aPresenceStateAnswerReadsPresenceMessageNotTheRepeatedMessage() {
    ManagerResponse set =
        response(
            Map.of(
                "response", "Success",
                "state", "away",
                "subtype", "Sub",
                "message", List.of("Presence State", "msg here"),
                "presencemessage", "msg here"));
    assertEquals(
        new PresenceEntry("CustomPresence:2101", "away", "Sub", "msg here"),
        EventMapping.presence("CustomPresence:2101", set));

    ManagerResponse unset =
        response(Map.of("response", "Success", "state", "not_set", "message", "Presence State"));
    assertEquals(
        new PresenceEntry("CustomPresence:2102", "not_set", "", ""),
        EventMapping.presence("CustomPresence:2102", unset));
  }

  private static ListDialplanEvent dialplanLine(String extension, String priority) {
    ListDialplanEvent e = new ListDialplanEvent(new Object());
    e.setContext("vaxel-staff");
    e.setExtension(extension);
    e.setPriority(priority);
    e.setRegistrar("pbx_config");
    return e;
  }

  @Test
  void dialplanPrioritiesHintsIncludesAndSwitchesAreKeptIgnorePatternsAreNot() {
    ListDialplanEvent priority = dialplanLine("2101", "1");
    priority.setApplication("Dial");
    priority.setAppData("PJSIP/2101,20");
    priority.setExtensionLabel("ring");
    assertEquals(
        Optional.of(
            new DialplanEntry("vaxel-staff", "2101", 1, "ring", "Dial", "PJSIP/2101,20", "pbx_config")),
        EventMapping.dialplanEntry(priority));

    ListDialplanEvent hint = dialplanLine("2101", "hint");
    hint.setApplication("PJSIP/2101&CustomPresence:2101");
    DialplanEntry hintEntry = EventMapping.dialplanEntry(hint).orElseThrow();
    assertTrue(hintEntry.isHint());
    assertEquals("PJSIP/2101&CustomPresence:2101", hintEntry.application());

    ListDialplanEvent include = dialplanLine(null, null);
    include.setIncludeContext("vaxel-absence");
    assertEquals(Optional.of(new DialplanEntry("vaxel-staff", "", DialplanEntry.INCLUDE, "",
        "vaxel-absence", "", "pbx_config")), EventMapping.dialplanEntry(include));

    ListDialplanEvent sw = dialplanLine(null, null);
    sw.setSwitch("Loopback/foo@bar");
    assertEquals(Optional.of(new DialplanEntry("vaxel-staff", "", DialplanEntry.SWITCH, "",
        "Loopback/foo@bar", "", "pbx_config")), EventMapping.dialplanEntry(sw));

    ListDialplanEvent ignore = dialplanLine(null, null);
    ignore.setIgnorePattern("9");
    assertEquals(Optional.empty(), EventMapping.dialplanEntry(ignore));
  }

  @Test
  void anEndpointSplitsItsAorsAndContacts() {
    EndpointList e = new EndpointList(source);
    e.setObjectName("2101");
    e.setAor("2101,2101-desk");
    e.setDevicestate("Not in use");
    e.setContacts("2101/sip:2101@10.0.0.5:5060,2101-desk/sip:2101@10.0.0.6:5060,");
    assertEquals(
        new Endpoint(
            "2101",
            List.of("2101", "2101-desk"),
            "Not in use",
            List.of("2101/sip:2101@10.0.0.5:5060", "2101-desk/sip:2101@10.0.0.6:5060")),
        EventMapping.endpoint(e));
  }

  @Test
  void aContactTakesItsAorFromItsIdAndReadsNullStatusAsUnknown() {
    ContactEntryEvent e = new ContactEntryEvent(source);
    e.setObjectName("2101;@a1b2c3");
    e.setEndpoint("2101");
    e.setUri("sip:2101@10.0.0.5:5060");
    e.setStatus("Created");
    assertEquals(
        new Contact("2101;@a1b2c3", "2101", "2101", "sip:2101@10.0.0.5:5060", "Created"),
        EventMapping.contact(e));
    e.setStatus(null); // the library reads the literal "Unknown" as null
    assertEquals("Unknown", EventMapping.contact(e).status());
  }

  @Test
  void repeatedResponseHeadersAreJoined() {
    ManagerResponse r = response(Map.of("output", List.of("line 1", "line 2")));
    assertEquals("line 1\nline 2", EventMapping.attribute(r, "Output"));
    assertEquals("", EventMapping.attribute(r, "missing"));
  }
}
