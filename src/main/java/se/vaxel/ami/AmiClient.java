package se.vaxel.ami;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What vaxel needs from a live Asterisk over AMI, in vaxel's own types.
 *
 * <p>Every method is one round trip (lists included: one action, however many entries) and
 * waits at most the {@link AmiSettings} timeout: {@code actionTimeout} for single answers,
 * {@code listTimeout} for lists and reloads. Every method may throw {@link AmiException}. A
 * client may be used from several threads at once. Header values (families, keys, variables,
 * ...) must be single lines: a line break would inject AMI headers, so it is refused with an
 * {@link IllegalArgumentException}.
 */
public interface AmiClient extends AutoCloseable {

  /** All mailboxes app_voicemail has loaded, in every context (VoicemailUsersList). */
  List<VoicemailBox> voicemailUsers();

  /**
   * Every key of an AstDB family, without the "/family/" prefix, sorted; empty when there is none.
   * Values come back verbatim, even "none" or "unknown", which the library would turn into null.
   */
  Map<String, String> dbGetTree(String family);

  /** One AstDB value, verbatim; empty when the key does not exist. */
  Optional<String> dbGet(String family, String key);

  void dbPut(String family, String key, String value);

  /**
   * Deletes one AstDB key; a key that does not exist is not an error. Asterisk answers a missing
   * key and a failing database alike, so that answer costs one more round trip (a DBGet).
   */
  void dbDel(String family, String key);

  /** Deletes a whole AstDB family; a family that does not exist is not an error. */
  void dbDelTree(String family);

  /**
   * A global variable or a dialplan function, e.g. {@code VM_INFO(2101@vaxel,fullname)}; empty
   * when the value is empty. Empty proves little: Asterisk answers Success with an empty value
   * for an unset variable, an unknown function, and a function it refuses over AMI (STAT, FILE,
   * SHELL: "Dangerous function ... blocked", only on its console).
   */
  Optional<String> getvar(String expression);

  /**
   * Sets a global variable or writes a dialplan function, e.g. {@code
   * PRESENCE_STATE(CustomPresence:2101)} = {@code away,Semester,till 2026-08-01}.
   */
  void setvar(String variable, String value);

  /**
   * Sets many at once, in order, for apply's presence of thousands of people: an implementation
   * may send them without waiting for each answer (see AsteriskJavaClient), so the wait is not
   * one round trip per variable. Fails like {@link #setvar} on the first failed one; those before
   * it are set. This default sends them one by one.
   */
  default void setvars(java.util.List<Map.Entry<String, String>> values) {
    for (Map.Entry<String, String> v : values) {
      setvar(v.getKey(), v.getValue());
    }
  }

  /**
   * Raises a UserEvent named {@code name} with {@code headers} (one round trip), for everyone
   * who listens on AMI: vaxel raises its own, because Asterisk sends no event when AstDB
   * changes. Header names and values must be single lines.
   */
  void userEvent(String name, Map<String, String> headers);

  /**
   * Every hint's state (ExtensionStateList), read like every list: whole or an exception.
   */
  List<ExtensionState> extensionStates();

  /**
   * Delivers every ExtensionStatus event (a hint's state changed) as it comes, on the same
   * thread and terms as {@link #onUserEvent}. Needs a client connected with events on.
   */
  Subscription onExtensionStatus(Consumer<ExtensionState> listener);

  /** Every provider that has a presence state (PresenceStateList). */
  List<PresenceEntry> presenceStates();

  /** The presence state of one provider, e.g. {@code CustomPresence:2101}. */
  PresenceEntry presenceState(String provider);

  /**
   * Reloads one module, e.g. "app_voicemail.so" or "pbx_config.so", and waits for it (up to the
   * list timeout: reloads of large configurations are slow, upstream issue #731).
   */
  void reload(String module);

  /**
   * The extensions, priorities and hints, includes and switches of one loaded context; empty
   * when Asterisk has no such context. Ignore-patterns are left out.
   */
  List<DialplanEntry> showDialplan(String context);

  /**
   * Every loaded context's extensions, priorities and hints, includes and switches, in one
   * ShowDialPlan (without a Context): one round trip however many contexts there are.
   */
  List<DialplanEntry> showDialplan();

  /** All PJSIP endpoints; empty when there are none. */
  List<Endpoint> pjsipEndpoints();

  /** All PJSIP contacts; empty when there are none. */
  List<Contact> pjsipContacts();

  /**
   * Starts a call without waiting for it (Async: true), e.g. channel {@code Local/2101@vaxel-staff}
   * running application {@code Wait} with data {@code 5}.
   *
   * @param variables channel variables to set on the new channel
   * @param answerTimeout how long the channel may take to answer
   */
  void originate(
      String channel,
      String application,
      String data,
      Map<String, String> variables,
      Duration answerTimeout);

  /**
   * Delivers every UserEvent named {@code userEventName} (case-insensitive) with all its headers,
   * keys lower-cased ("userevent", "channel", and the custom ones). Needs a client connected
   * with {@link AmiSettings#withEvents(boolean) events on}; otherwise IllegalStateException.
   *
   * <p>Listeners run one at a time on a thread of this client, never on the library's event
   * thread, so they may call this client (a listener calling AMI on the library's thread would
   * deadlock it until the timeout). A slow listener delays later events, not AMI answers.
   */
  Subscription onUserEvent(String userEventName, Consumer<Map<String, String>> listener);

  /**
   * AMI actions sent so far, the three of login included (Challenge, Login, and the library's
   * CoreSettings version probe), keep-alive Pings excluded.
   */
  long roundTrips();

  /** Logs off. Never throws and never hangs longer than the action timeout. */
  @Override
  void close();

  /** Ends an event subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
