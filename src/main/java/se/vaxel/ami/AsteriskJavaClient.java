package se.vaxel.ami;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.DbDelAction;
import org.asteriskjava.manager.action.DbDelTreeAction;
import org.asteriskjava.manager.action.DbPutAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.EndpointList;
import org.asteriskjava.manager.event.ListDialplanEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.VoicemailUserEntryEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.util.SocketConnectionFacade;
import se.vaxel.ami.AsteriskJavaExtensions.ContactEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.ContactsCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetTreeCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetTreeEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DialplanCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.EndpointsCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.GenericAction;
import se.vaxel.ami.AsteriskJavaExtensions.GenericListAction;
import se.vaxel.ami.AsteriskJavaExtensions.ListCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.PresenceStateEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.PresenceStateListCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.VoicemailUsersCompleteEvent;

/**
 * {@link AmiClient} on Asterisk-Java 3.42 (docs/ami.md says what it does and lacks against
 * Asterisk 22).
 *
 * <p>Logging: the library logs through slf4j-simple, which {@code simplelogger.properties} sets to
 * ERROR for {@code org.asteriskjava} (it otherwise WARNs once per unknown header of every event)
 * and off for its connection class (whose errors vaxel reports itself). {@code VAXEL_DEBUG}
 * (environment) or {@code -Dvaxel.debug} raises both to the named level ("info", "trace"; anything
 * else but 0/false/no means "debug"). That works by setting slf4j-simple's system properties in
 * this class's static initialiser: slf4j-simple reads a logger's level when the logger is created,
 * and the library's loggers are only created once this class has loaded.
 *
 * <p>The connection is a {@link ManagerConnectionImpl} made here rather than by
 * ManagerConnectionFactory, for three reasons: the response and list timeout setters are not on
 * the ManagerConnection interface; its socket must be vaxel's {@link DrainedSocket}, read by a
 * thread that does nothing else and audited line by line by {@link AmiWire}, because Asterisk
 * drops AMI output that is not read in time (docs/ami.md); and UserEvents with arbitrary headers
 * cannot be received through the library at all (it builds an event only for a class registered
 * per event name, with a setter per header), so {@link UserEventTap} reads them off the socket.
 *
 * <p>Every list read is proven whole or fails: see {@link #list}.
 */
public final class AsteriskJavaClient implements AmiClient {

  static {
    raiseLibraryLogLevelWhenDebugging();
  }

  /** Challenge, Login and the CoreSettings version probe the library sends on login. */
  static final int LOGIN_ROUND_TRIPS = 3;

  private final ManagerConnection connection;
  private final AmiSettings settings;
  private final AmiWire wire;
  private final UserEventDispatcher userEvents;
  private final PingThread keepAlive;
  private final AtomicLong roundTrips = new AtomicLong(LOGIN_ROUND_TRIPS);
  private final AtomicBoolean closed = new AtomicBoolean();

  private AsteriskJavaClient(
      ManagerConnection connection,
      AmiSettings settings,
      AmiWire wire,
      UserEventDispatcher userEvents,
      PingThread keepAlive) {
    this.connection = connection;
    this.settings = settings;
    this.wire = wire;
    this.userEvents = userEvents;
    this.keepAlive = keepAlive;
  }

  /** Connects and logs in; see {@link AmiConnector#connect}. */
  static AsteriskJavaClient connect(AmiSettings settings) {
    return connect(
        settings, new AmiWire(), DrainedSocket.MAX_BUFFERED_BYTES, DrainedSocket.MAX_MESSAGE_BYTES);
  }

  /** {@link #connect(AmiSettings)} with the memory limits of {@code wire} and the socket. */
  static AsteriskJavaClient connect(
      AmiSettings settings, AmiWire wire, long maxBufferedBytes, int maxMessageBytes) {
    UserEventDispatcher userEvents = settings.events() ? new UserEventDispatcher() : null;
    long actionMillis = settings.actionTimeout().toMillis();
    long listMillis = settings.listTimeout().toMillis();
    // The connect waits the action timeout, not the OS's minutes for a host that drops packets.
    // A half-open link (peer gone without FIN) otherwise stays CONNECTED for ever and silently
    // stops delivering events. No legitimate silence lasts longer than a list or reload may take,
    // and the keep-alive Pings below keep an idle link from tripping it.
    int connectTimeout = (int) Math.min(Integer.MAX_VALUE, actionMillis);
    int readTimeout = (int) Math.min(Integer.MAX_VALUE, listMillis + actionMillis);
    ManagerConnectionImpl connection =
        new DrainedConnection(
            settings, connectTimeout, readTimeout, wire, maxBufferedBytes, maxMessageBytes,
            userEvents);
    connection.setHostname(settings.host());
    connection.setPort(settings.port());
    connection.setUsername(settings.user());
    connection.setPassword(settings.secret());
    // Login waits (greeting, Challenge, Login) use the response timeout.
    connection.setDefaultResponseTimeout(actionMillis);
    connection.setDefaultEventTimeout(listMillis);
    PingThread keepAlive = new PingThread(connection);
    keepAlive.setInterval(readTimeout / 3);
    return open(connection, settings, wire, userEvents, keepAlive);
  }

  /**
   * Logs in on {@code connection} and makes the client; tests hand in a mock connection. Registers
   * the custom event classes after login, the order verified against Asterisk 22.
   */
  static AsteriskJavaClient open(
      ManagerConnection connection,
      AmiSettings settings,
      AmiWire wire,
      UserEventDispatcher userEvents,
      PingThread keepAlive) {
    // A refused login is final for a command line tool; retrying would only hide it.
    connection.setKeepAliveAfterAuthenticationFailure(false);
    // Counts what leaves the library's event queue, for the brake in AmiWire.
    connection.addEventListener(event -> wire.delivered());
    try {
      // "user" is the event class of UserEvent, "call" that of ExtensionStatus (a hint's
      // state, for the console); nothing else is needed or wanted.
      connection.login(settings.events() ? "user,call" : "off");
    } catch (AuthenticationFailedException | TimeoutException | IOException | RuntimeException e) {
      shutDown(userEvents);
      throw loginFailed(settings, wire, e);
    }
    AsteriskJavaExtensions.EVENT_CLASSES.forEach(connection::registerUserEventClass);
    if (keepAlive != null) {
      keepAlive.start();
    }
    return new AsteriskJavaClient(connection, settings, wire, userEvents, keepAlive);
  }

  @Override
  public List<VoicemailBox> voicemailUsers() {
    return list("VoicemailUsersList", Map.of(), VoicemailUsersCompleteEvent.class, ERROR_IS_FAILURE)
        .stream()
        .filter(VoicemailUserEntryEvent.class::isInstance)
        .map(e -> EventMapping.voicemailBox((VoicemailUserEntryEvent) e))
        .toList();
  }

  @Override
  public Map<String, String> dbGetTree(String family) {
    List<DbGetTreeEntryEvent> entries = new ArrayList<>();
    for (ResponseEvent event :
        list("DBGetTree", headers("Family", family), DbGetTreeCompleteEvent.class,
            AsteriskJavaClient::notFound)) {
      if (event instanceof DbGetTreeEntryEvent entry) {
        entries.add(entry);
      }
    }
    return EventMapping.dbTree(family, entries);
  }

  @Override
  public Optional<String> dbGet(String family, String key) {
    return list(
            "DBGet",
            orderedHeaders("Family", family, "Key", key),
            DbGetCompleteEvent.class,
            AsteriskJavaClient::notFound,
            settings.actionTimeout())
        .stream()
        .filter(DbGetEntryEvent.class::isInstance)
        .map(e -> EventMapping.value((DbGetEntryEvent) e))
        .findFirst();
  }

  @Override
  public void dbPut(String family, String key, String value) {
    succeed(new DbPutAction(singleLine(family), singleLine(key), singleLine(value)));
  }

  @Override
  public void dbDel(String family, String key) {
    ManagerResponse response = send(new DbDelAction(singleLine(family), singleLine(key)));
    // Asterisk answers "Database entry could not be deleted" both for a missing key and for a
    // failing database; only a second look tells which.
    if (response instanceof ManagerError && dbGet(family, key).isEmpty()) {
      return;
    }
    check("DBDel", response);
  }

  @Override
  public void dbDelTree(String family) {
    DbDelTreeAction action = new DbDelTreeAction();
    action.setFamily(singleLine(family));
    ManagerResponse response = send(action);
    if (!(response instanceof ManagerError error && notFound(error))) {
      check("DBDelTree", response);
    }
  }

  @Override
  public Optional<String> getvar(String expression) {
    ManagerResponse response = succeed(new GetVarAction(singleLine(expression)));
    String value = EventMapping.attribute(response, "value");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  @Override
  public void setvar(String variable, String value) {
    succeed(new SetVarAction(singleLine(variable), singleLine(value)));
  }

  /**
   * How many Setvars are on their way at once. Asterisk answers one connection's actions in
   * order, so this only removes the wait for each answer: 5,000 presence changes over a link
   * with 50 ms round trips took about 250 s one by one, and take about 50 waits this way.
   */
  static final int SETVAR_WINDOW = 100;

  @Override
  public void setvars(List<Map.Entry<String, String>> values) {
    if (values.size() <= 1) {
      values.forEach(v -> setvar(v.getKey(), v.getValue()));
      return;
    }
    awaitReconnect();
    Semaphore window = new Semaphore(SETVAR_WINDOW);
    CountDownLatch answered = new CountDownLatch(values.size());
    AtomicReference<String> failure = new AtomicReference<>();
    long timeoutMs = settings.actionTimeout().toMillis();
    long start = System.nanoTime();
    int sent = 0;
    try {
      for (Map.Entry<String, String> v : values) {
        if (!window.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
          throw timedOut("SetVar", settings.actionTimeout(), start, null);
        }
        if (failure.get() != null) {
          break;
        }
        if (sent++ % SETVAR_WINDOW == 0) {
          // One wait for answers per window, not per action.
          roundTrips.incrementAndGet();
        }
        connection.sendAction(new SetVarAction(singleLine(v.getKey()), singleLine(v.getValue())),
            response -> {
              if (response instanceof ManagerError error) {
                failure.compareAndSet(null, orElse(error.getMessage(), "error"));
              }
              window.release();
              answered.countDown();
            });
      }
      // Every answer, or the first failure: Asterisk answers in order, so after a failure the
      // ones before it have their answers too.
      long deadline = System.nanoTime() + settings.actionTimeout().toNanos();
      while (failure.get() == null && answered.getCount() > 0) {
        if (System.nanoTime() > deadline && answered.getCount() > 0) {
          throw timedOut("SetVar", settings.actionTimeout(), start, null);
        }
        answered.await(50, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmiException(AmiException.Kind.TIMEOUT, "AMI action SetVar was interrupted");
    } catch (IOException | IllegalStateException e) {
      throw lost(e);
    }
    if (failure.get() != null) {
      throw actionFailed("SetVar", failure.get());
    }
  }

  @Override
  public List<PresenceEntry> presenceStates() {
    return list(
            "PresenceStateList", Map.of(), PresenceStateListCompleteEvent.class, ERROR_IS_FAILURE)
        .stream()
        .filter(PresenceStateEntryEvent.class::isInstance)
        .map(e -> EventMapping.presence((PresenceStateEntryEvent) e))
        .toList();
  }

  @Override
  public PresenceEntry presenceState(String provider) {
    ManagerResponse response =
        succeed(new GenericAction("PresenceState", headers("Provider", provider)));
    return EventMapping.presence(provider, response);
  }

  @Override
  public void reload(String module) {
    GenericAction action = new GenericAction("Reload", headers("Module", module));
    check("Reload", send(action, settings.listTimeout()));
  }

  @Override
  public List<DialplanEntry> showDialplan(String context) {
    List<DialplanEntry> entries = new ArrayList<>();
    for (ResponseEvent event :
        list("ShowDialPlan", headers("Context", context), DialplanCompleteEvent.class,
            AsteriskJavaClient::noSuchContext)) {
      if (event instanceof ListDialplanEvent line) {
        EventMapping.dialplanEntry(line)
            .filter(entry -> entry.context().equals(context))
            .ifPresent(entries::add);
      }
    }
    return entries;
  }

  @Override
  public List<DialplanEntry> showDialplan() {
    List<DialplanEntry> entries = new ArrayList<>();
    for (ResponseEvent event : list("ShowDialPlan", Map.of(), DialplanCompleteEvent.class,
        AsteriskJavaClient::noSuchContext)) {
      if (event instanceof ListDialplanEvent line) {
        EventMapping.dialplanEntry(line).ifPresent(entries::add);
      }
    }
    return entries;
  }

  @Override
  public List<Endpoint> pjsipEndpoints() {
    return list("PJSIPShowEndpoints", Map.of(), EndpointsCompleteEvent.class,
            AsteriskJavaClient::noneFound)
        .stream()
        .filter(EndpointList.class::isInstance)
        .map(e -> EventMapping.endpoint((EndpointList) e))
        .toList();
  }

  @Override
  public List<Contact> pjsipContacts() {
    return list("PJSIPShowContacts", Map.of(), ContactsCompleteEvent.class,
            AsteriskJavaClient::noneFound)
        .stream()
        .filter(ContactEntryEvent.class::isInstance)
        .map(e -> EventMapping.contact((ContactEntryEvent) e))
        .toList();
  }

  @Override
  public void originate(
      String channel,
      String application,
      String data,
      Map<String, String> variables,
      Duration answerTimeout) {
    OriginateAction action = new OriginateAction();
    action.setChannel(singleLine(channel));
    action.setApplication(singleLine(application));
    action.setData(singleLine(data));
    Map<String, String> checked = new LinkedHashMap<>();
    variables.forEach((name, value) -> checked.put(singleLine(name), singleLine(value)));
    action.setVariables(checked);
    action.setTimeout(answerTimeout.toMillis());
    // Async: answer "queued" at once instead of holding the action until the call is answered.
    action.setAsync(Boolean.TRUE);
    succeed(action);
  }

  @Override
  public void userEvent(String name, Map<String, String> headers) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("UserEvent", singleLine(name));
    headers.forEach((k, v) -> all.put(singleLine(k), singleLine(v)));
    succeed(new AsteriskJavaExtensions.GenericAction("UserEvent", all));
  }

  @Override
  public List<ExtensionState> extensionStates() {
    return list("ExtensionStateList", Map.of(),
            AsteriskJavaExtensions.ExtensionStateListCompleteEvent.class, ERROR_IS_FAILURE)
        .stream()
        .filter(AsteriskJavaExtensions.ExtensionStateEntryEvent.class::isInstance)
        .map(e -> (AsteriskJavaExtensions.ExtensionStateEntryEvent) e)
        .map(e -> new ExtensionState(orElse(e.getExten(), ""), orElse(e.getContext(), ""),
            e.getHint(), e.getStatus() == null ? -1 : e.getStatus(), e.getStatusText()))
        .toList();
  }

  @Override
  public Subscription onExtensionStatus(Consumer<ExtensionState> listener) {
    if (userEvents == null) {
      throw new IllegalStateException(
          "ExtensionStatus events need a client connected with AmiSettings.withEvents(true)");
    }
    return userEvents.subscribe(UserEventDispatcher.EXTENSION_STATUS, headers -> {
      int status;
      try {
        status = Integer.parseInt(headers.getOrDefault("status", "-1").strip());
      } catch (NumberFormatException e) {
        status = -1;
      }
      listener.accept(new ExtensionState(headers.getOrDefault("exten", ""),
          headers.getOrDefault("context", ""), headers.get("hint"), status,
          headers.get("statustext")));
    });
  }

  @Override
  public Subscription onUserEvent(String userEventName, Consumer<Map<String, String>> listener) {
    if (userEvents == null) {
      throw new IllegalStateException(
          "UserEvents need a client connected with AmiSettings.withEvents(true)");
    }
    return userEvents.subscribe(userEventName, listener);
  }

  @Override
  public long roundTrips() {
    return roundTrips.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (keepAlive != null) {
      keepAlive.die();
    }
    ManagerConnectionState state = connection.getState();
    if (state == ManagerConnectionState.CONNECTED
        || state == ManagerConnectionState.RECONNECTING) {
      try {
        // Sends Logoff (bounded by the action timeout) and closes the socket; the library's
        // reader and event pump threads are daemons, so nothing keeps the JVM alive after this.
        connection.logoff();
      } catch (RuntimeException e) {
        // Closing is best effort: the server may already be gone.
      }
    }
    shutDown(userEvents);
  }

  private ManagerResponse send(ManagerAction action) {
    return send(action, settings.actionTimeout());
  }

  private ManagerResponse send(ManagerAction action, Duration timeout) {
    awaitReconnect();
    roundTrips.incrementAndGet();
    long start = System.nanoTime();
    ManagerResponse response;
    try {
      response = connection.sendAction(action, timeout.toMillis());
    } catch (TimeoutException e) {
      throw timedOut(action.getAction(), timeout, start, e);
    } catch (IOException | IllegalStateException e) {
      throw lost(e);
    }
    if (response == null) {
      // The library returns null when the waiting thread is interrupted.
      throw new AmiException(
          AmiException.Kind.TIMEOUT, "AMI action " + action.getAction() + " was interrupted");
    }
    return response;
  }

  /** Silence after a list's last entry that means its Complete event was lost. */
  private static final Duration STALL = Duration.ofSeconds(1);

  /** For lists where any Error answer is a failure. */
  private static final Predicate<ManagerError> ERROR_IS_FAILURE = error -> false;

  private List<ResponseEvent> list(
      String name,
      Map<String, String> headers,
      Class<? extends ListCompleteEvent> complete,
      Predicate<ManagerError> meansEmpty) {
    return list(name, headers, complete, meansEmpty, settings.listTimeout());
  }

  /**
   * The entries of a list (its Complete event left out), proven whole: counted against the
   * ListItems of its Complete event, on the wire and as the library delivered them, with no
   * message glued to another. Asterisk drops output it cannot write in time (docs/ami.md), so a
   * list that falls short is read once more; falling short twice is an
   * {@link AmiIncompleteException}. Asterisk also closes the session after such a loss; the
   * second read waits for the library to reconnect, and is sent once more if it went out before
   * the library noticed. An Error answer that {@code meansEmpty} is an empty list.
   */
  private List<ResponseEvent> list(
      String name,
      Map<String, String> headers,
      Class<? extends ListCompleteEvent> complete,
      Predicate<ManagerError> meansEmpty,
      Duration timeout) {
    AmiWire.Shortfall first = null;
    boolean resent = false;
    while (true) {
      GenericListAction action = new GenericListAction(name, headers, complete);
      AmiWire.ListRead read = wire.begin();
      action.setActionId(read.actionId());
      ResponseEvents answer;
      try {
        answer = sendList(action, timeout, read);
      } catch (AmiException e) {
        if (e.kind() != AmiException.Kind.UNREACHABLE) {
          throw e;
        }
        if (!resent) {
          // Sent before the library noticed that Asterisk hung up (after a loss, or after the
          // previous action's): a list is only read, so once more after reconnecting. The
          // write can fail before the library's reader has seen the end of the stream, while
          // the state still says CONNECTED: wait for it to notice, or the resend meets the
          // same dead socket.
          resent = true;
          awaitLossNoticed();
          continue;
        }
        if (first == null) {
          throw e;
        }
        throw new AmiIncompleteException(incomplete(name, first, false), e);
      } finally {
        wire.end(read);
      }
      if (read.overflow()) {
        throw new AmiIncompleteException(
            name
                + " from the AMI at "
                + settings.address()
                + " sent more than "
                + String.format(Locale.ROOT, "%,d", read.cap())
                + " entries; vaxel stopped reading it rather than fill its memory. Is "
                + settings.address()
                + " really an Asterisk?");
      }
      if (answer.getResponse() instanceof ManagerError error && meansEmpty.test(error)) {
        return List.of();
      }
      check(name, answer.getResponse());
      List<ResponseEvent> entries = new ArrayList<>();
      ListCompleteEvent end = null;
      for (ResponseEvent event : answer.getEvents() == null ? List.<ResponseEvent>of()
          : answer.getEvents()) {
        if (complete.isInstance(event)) {
          end = complete.cast(event);
        } else {
          entries.add(event);
        }
      }
      if (end == null && !read.aborted() && !read.sawAny()) {
        // The library also ends a list early, without error, when the link drops after the
        // Success response; a partial list must never pass for the PBX's whole state. Read
        // once more after reconnecting, as for a drop the library reported.
        if (!resent) {
          resent = true;
          continue;
        }
        throw lost(null);
      }
      Optional<AmiWire.Shortfall> shortfall =
          read.shortfall(end != null, end == null ? null : end.getListItems(), entries.size());
      if (shortfall.isEmpty()) {
        return entries;
      }
      if (first != null) {
        throw new AmiIncompleteException(incomplete(name, shortfall.get(), true));
      }
      first = shortfall.get();
    }
  }

  /**
   * Waits up to the action timeout while the library reconnects: Asterisk hangs up an AMI
   * session after a write that timed out (docs/ami.md), and the library logs in again at once.
   */
  /** How long a loss may take to reach the library's reader after a write failed on it. */
  private static final Duration LOSS_NOTICED = Duration.ofSeconds(2);

  /**
   * After a write to a socket Asterisk closed: waits (at most {@link #LOSS_NOTICED}) until the
   * library's reader has seen the loss and left CONNECTED, so that {@link #awaitReconnect}
   * then waits for the new connection rather than the dead one.
   */
  private void awaitLossNoticed() {
    long deadline = System.nanoTime() + LOSS_NOTICED.toNanos();
    while (connection.getState() == ManagerConnectionState.CONNECTED
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void awaitReconnect() {
    long deadline = System.nanoTime() + settings.actionTimeout().toNanos();
    while (connection.getState() == ManagerConnectionState.RECONNECTING
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** What was lost and how to stop it, for an operator (docs/ami.md, "Lossy output"). */
  private String incomplete(String name, AmiWire.Shortfall lost, boolean twice) {
    List<String> what = new ArrayList<>();
    if (lost.expected() != null) {
      what.add(
          String.format(Locale.ROOT, "%,d of %,d entries", lost.received(), lost.expected()));
    } else {
      what.add(String.format(Locale.ROOT, "%,d entries", lost.received()));
    }
    if (lost.glued() > 0) {
      what.add(lost.glued() + (lost.glued() == 1 ? " message" : " messages")
          + " cut off and glued to the next");
    }
    if (lost.completeLost()) {
      what.add("the Complete event that ends the list was lost");
    }
    return name
        + " from the AMI at "
        + settings.address()
        + (twice ? " arrived incomplete twice (" : " arrived incomplete (")
        + String.join("; ", what)
        + (twice ? ")" : ") and the connection was lost before it could be read again")
        + ", so nothing was concluded from it. Asterisk drops AMI output that it cannot write"
        + " within the AMI user's writetimeout (default 100 ms). Add the line"
        + " 'writetimeout = 10000' to the ["
        + settings.user()
        + "] section of manager.conf and run 'manager reload' on the PBX (see docs/ami.md).";
  }

  private ResponseEvents sendList(
      EventGeneratingAction action, Duration timeout, AmiWire.ListRead read) {
    awaitReconnect();
    roundTrips.incrementAndGet();
    long start = System.nanoTime();
    try {
      return connection.sendEventGeneratingAction(action, timeout.toMillis());
    } catch (EventTimeoutException e) {
      // Cut short on purpose (a lost Complete event, too many entries), garbled on the way, or
      // entries that stopped long before the deadline: the list is incomplete, not the PBX
      // slow. Asterisk writes a list without pausing, so a second of silence is a lost end.
      if (read.aborted() || read.glued() || read.stalled(STALL)) {
        return e.getPartialResult();
      }
      throw timedOut(action.getAction(), timeout, start, e);
    } catch (IOException | IllegalStateException e) {
      throw lost(e);
    }
  }

  private ManagerResponse succeed(ManagerAction action) {
    ManagerResponse response = send(action);
    check(action.getAction(), response);
    return response;
  }

  private static void check(String actionName, ManagerResponse response) {
    if (response instanceof ManagerError error) {
      throw actionFailed(actionName, orElse(error.getMessage(), "error"));
    }
  }

  private static AmiException actionFailed(String actionName, String message) {
    return new AmiException(
        AmiException.Kind.ACTION_FAILED,
        "AMI action " + actionName + " failed: " + message.replaceAll("\\s+", " ").strip());
  }

  /**
   * An action cut off by a dropped link also ends in the library's TimeoutException, but at once
   * rather than after the timeout. The connection state alone cannot tell: the library wakes the
   * waiting caller before it leaves CONNECTED.
   */
  private AmiException timedOut(
      String actionName, Duration timeout, long startNanos, Exception cause) {
    boolean early = System.nanoTime() - startNanos < timeout.toNanos();
    if (early || connection.getState() != ManagerConnectionState.CONNECTED) {
      return lost(cause);
    }
    return new AmiException(
        AmiException.Kind.TIMEOUT,
        "the AMI at "
            + settings.address()
            + " did not answer "
            + actionName
            + " within "
            + seconds(timeout),
        cause);
  }

  private AmiException lost(Exception cause) {
    String failure = wire.failure();
    if (failure != null) {
      return new AmiException(
          AmiException.Kind.INCOMPLETE,
          failure + " from " + settings.address() + ". Is it really an Asterisk?",
          cause);
    }
    return new AmiException(
        AmiException.Kind.UNREACHABLE, "lost the AMI connection to " + settings.address(), cause);
  }

  /**
   * Maps how the library's login fails, saying which step ran out of time: the connect, the
   * greeting, or the login itself. The library waits for the greeting, Challenge and Login with
   * the action timeout but reports the three alike: no greeting as TimeoutException or, when its
   * reader noticed the socket it closed first, as "Socket closed"; a Challenge or Login that goes
   * unanswered as an AuthenticationFailedException caused by a TimeoutException. The wire tells
   * how far the conversation got.
   */
  static AmiException loginFailed(AmiSettings settings, AmiWire wire, Exception e) {
    String address = settings.address();
    String within = " within " + seconds(settings.actionTimeout());
    boolean noGreeting =
        e instanceof TimeoutException
            || (e instanceof SocketException && "Socket closed".equals(e.getMessage()));
    if (noGreeting) {
      if (!wire.isConnected()) {
        return new AmiException(
            AmiException.Kind.TIMEOUT, "could not connect to the AMI at " + address + within
                + ": the host did not answer; check the host name and port (--ami), that the"
                + " host is up, and that no firewall drops the connection", e);
      }
      if (wire.isGreeted()) {
        return new AmiException(
            AmiException.Kind.TIMEOUT,
            "the AMI at " + address + " did not answer the login" + within,
            e);
      }
      if (wire.beforeGreeting() != null) {
        return new AmiException(
            AmiException.Kind.TIMEOUT,
            "connected to " + address + ", but it answered '" + wire.beforeGreeting()
                + "', not an AMI greeting: another service listens there; give --ami the"
                + " Asterisk manager's port (manager.conf [general] port, usually 5038)",
            e);
      }
      return new AmiException(
          AmiException.Kind.TIMEOUT,
          "connected to " + address + ", but nothing came" + within
              + " (Asterisk's manager greets at once): is it the manager's plain port"
              + " (manager.conf [general] port, usually 5038), not its TLS port or another"
              + " service? Give --ami the right HOST:PORT",
          e);
    }
    if (e instanceof AuthenticationFailedException) {
      if (e.getCause() instanceof TimeoutException) {
        return new AmiException(
            AmiException.Kind.TIMEOUT,
            "the AMI at " + address + " did not answer the login" + within,
            e);
      }
      if (e.getCause() != null) {
        return new AmiException(
            AmiException.Kind.UNREACHABLE, "lost the AMI connection to " + address, e);
      }
      return new AmiException(
          AmiException.Kind.AUTH_FAILED,
          "the AMI at "
              + address
              + " refused the login of user "
              + settings.user()
              + ": "
              + orElse(e.getMessage(), "authentication failed"),
          e);
    }
    return unreachable(settings, e);
  }

  static AmiException unreachable(AmiSettings settings, Exception cause) {
    String reason;
    if (cause instanceof ConnectException) {
      reason = "connection refused: nothing listens on that port; check that Asterisk runs,"
          + " that manager.conf [general] has enabled = yes and this port, and --ami";
    } else if (cause instanceof UnknownHostException) {
      reason = "unknown host; check the host name in --ami";
    } else if (cause instanceof NoRouteToHostException) {
      reason = "no route to host; check the address in --ami and the network";
    } else if (cause instanceof SocketTimeoutException) {
      reason = "the connection timed out after " + seconds(settings.actionTimeout())
          + "; check the host and port in --ami, and that no firewall drops the connection";
    } else {
      reason = orElse(cause.getMessage(), cause.getClass().getSimpleName());
    }
    return new AmiException(
        AmiException.Kind.UNREACHABLE,
        "cannot reach the AMI at " + settings.address() + ": " + reason,
        cause);
  }

  /** AstDB's answer for a missing key or family: "Database entry not found". */
  private static boolean notFound(ManagerError error) {
    return orElse(error.getMessage(), "").toLowerCase(Locale.ROOT).contains("not found");
  }

  /** PJSIP's answer for an empty list: "No endpoints found", "No Contacts found". */
  private static boolean noneFound(ManagerError error) {
    String message = orElse(error.getMessage(), "").toLowerCase(Locale.ROOT);
    return message.startsWith("no ") && message.endsWith(" found");
  }

  /** ShowDialPlan's answer for a context that is not loaded: "Did not find context NAME". */
  private static boolean noSuchContext(ManagerError error) {
    return orElse(error.getMessage(), "").toLowerCase(Locale.ROOT).startsWith("did not find");
  }

  private static Map<String, String> headers(String name, String value) {
    return Map.of(name, singleLine(value));
  }

  private static Map<String, String> orderedHeaders(
      String name1, String value1, String name2, String value2) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(name1, singleLine(value1));
    headers.put(name2, singleLine(value2));
    return headers;
  }

  /** Refuses values that would end the AMI header and inject new ones. */
  static String singleLine(String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("AMI header values cannot contain line breaks");
    }
    return value;
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void shutDown(UserEventDispatcher userEvents) {
    if (userEvents != null) {
      userEvents.close();
    }
  }

  private static void raiseLibraryLogLevelWhenDebugging() {
    String debug = System.getProperty("vaxel.debug", System.getenv("VAXEL_DEBUG"));
    if (debug == null || List.of("", "0", "false", "no").contains(debug.strip())) {
      return;
    }
    String level = debug.strip().toLowerCase(Locale.ROOT);
    String chosen = level.equals("info") || level.equals("trace") ? level : "debug";
    for (String logger :
        List.of("org.asteriskjava", "org.asteriskjava.manager.internal.ManagerConnectionImpl")) {
      // An explicit -D for the logger wins.
      System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log." + logger, chosen);
    }
  }

  /**
   * A library connection on a {@link DrainedSocket}, whose lines {@link AmiWire} audits, and
   * that passes UserEvents to {@code userEvents}, if any.
   */
  private static final class DrainedConnection extends ManagerConnectionImpl {
    private final AmiSettings settings;
    private final int connectTimeout;
    private final int readTimeout;
    private final AmiWire wire;
    private final long maxBufferedBytes;
    private final int maxMessageBytes;
    private final UserEventDispatcher userEvents;

    DrainedConnection(
        AmiSettings settings,
        int connectTimeout,
        int readTimeout,
        AmiWire wire,
        long maxBufferedBytes,
        int maxMessageBytes,
        UserEventDispatcher userEvents) {
      this.settings = settings;
      this.connectTimeout = connectTimeout;
      this.readTimeout = readTimeout;
      this.wire = wire;
      this.maxBufferedBytes = maxBufferedBytes;
      this.maxMessageBytes = maxMessageBytes;
      this.userEvents = userEvents;
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
      SocketConnectionFacade socket =
          DrainedSocket.connect(
              settings.host(), settings.port(), connectTimeout, readTimeout, wire,
              maxBufferedBytes, maxMessageBytes);
      return userEvents == null ? socket : new UserEventTap(socket, userEvents);
    }
  }
}
