package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.DbDelAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DialplanCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetTreeCompleteEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbGetTreeEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.GenericListAction;
import se.vaxel.ami.AsteriskJavaExtensions.Verbatim;

/** The client's mapping of the library's outcomes, on a mock connection. */
class AsteriskJavaClientTest {

  private static final String SECRET = "never-print-me";
  private static final AmiSettings SETTINGS = AmiSettings.of("pbx", 5038, "vaxel", SECRET);

  private final ManagerConnection connection = mock(ManagerConnection.class);
  private final AmiWire wire = new AmiWire();

  private AmiClient connect(AmiSettings settings) {
    return AsteriskJavaClient.open(connection, settings, wire, null, null);
  }

  private AmiClient connected() {
    when(connection.getState()).thenReturn(ManagerConnectionState.CONNECTED);
    return connect(SETTINGS);
  }

  private AmiException loginFailure(Exception cause) throws Exception {
    doThrow(cause).when(connection).login(anyString());
    return assertThrows(AmiException.class, () -> connect(SETTINGS));
  }

  private static ManagerError error(String message) {
    ManagerError error = new ManagerError();
    error.setResponse("Error");
    error.setMessage(message);
    return error;
  }

  private static ManagerResponse success() {
    ManagerResponse response = new ManagerResponse();
    response.setResponse("Success");
    return response;
  }

  private static ResponseEvents answer(ManagerResponse response, ResponseEvent... events) {
    return new ResponseEvents() {
      @Override
      public ManagerResponse getResponse() {
        return response;
      }

      @Override
      public Collection<ResponseEvent> getEvents() {
        return List.of(events);
      }
    };
  }

  private static <T extends AsteriskJavaExtensions.ListCompleteEvent> T complete(T event,
      int items) {
    event.setListItems(items);
    return event;
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws Exception {
    AmiException e = loginFailure(new ConnectException("Connection refused"));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
    assertEquals("cannot reach the AMI at pbx:5038: connection refused", e.getMessage());
  }

  @Test
  void anUnknownHostIsUnreachable() throws Exception {
    AmiException e = loginFailure(new UnknownHostException("pbx"));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
    assertEquals("cannot reach the AMI at pbx:5038: unknown host", e.getMessage());
  }

  @Test
  void aRefusedLoginIsAuthFailedAndNeverShowsTheSecret() throws Exception {
    AmiException e = loginFailure(new AuthenticationFailedException("Authentication failed"));
    assertEquals(AmiException.Kind.AUTH_FAILED, e.kind());
    assertEquals(
        "the AMI at pbx:5038 refused the login of user vaxel: Authentication failed",
        e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));
  }

  @Test
  void noGreetingIsATimeoutThatSaysTheConnectionWasMade() throws Exception {
    wire.connected();
    AmiException e = loginFailure(new TimeoutException("Timeout waiting for protocol identifier"));
    assertEquals(AmiException.Kind.TIMEOUT, e.kind());
    assertEquals(
        "connected to pbx:5038, but no AMI greeting came within 10 s"
            + " (is it an Asterisk manager port?)",
        e.getMessage());
  }

  @Test
  void aTimeoutBeforeAnyConnectionSaysSo() throws Exception {
    AmiException e = loginFailure(new TimeoutException("Timeout waiting for protocol identifier"));
    assertEquals(AmiException.Kind.TIMEOUT, e.kind());
    assertEquals("could not connect to the AMI at pbx:5038 within 10 s", e.getMessage());
  }

  @Test
  void aConnectThatTimesOutIsUnreachableAndSaysSo() throws Exception {
    AmiException e = loginFailure(new java.net.SocketTimeoutException("connect timed out"));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
    assertEquals(
        "cannot reach the AMI at pbx:5038: the connection timed out after 10 s", e.getMessage());
  }

  @Test
  void aGreetingWithoutLoginAnswerIsALoginTimeout() throws Exception {
    wire.connected();
    wire.observe("Asterisk Call Manager/11.0.0");
    AmiException e = loginFailure(new TimeoutException("Timeout waiting for protocol identifier"));
    assertEquals("the AMI at pbx:5038 did not answer the login within 10 s", e.getMessage());
  }

  @Test
  void anUnansweredLoginIsATimeoutNotAnAuthenticationFailure() throws Exception {
    AmiException e =
        loginFailure(
            new AuthenticationFailedException(
                "Unable to send login action", new TimeoutException("Timeout waiting")));
    assertEquals(AmiException.Kind.TIMEOUT, e.kind());
    assertEquals("the AMI at pbx:5038 did not answer the login within 10 s", e.getMessage());
  }

  @Test
  void loginAsksForUserAndCallEventsOnlyWhenEventsAreWanted() throws Exception {
    connect(SETTINGS);
    verify(connection).login("off");
    connect(SETTINGS.withEvents(true));
    // user: UserEvents; call: ExtensionStatus, the hints' states for vaxel serve.
    verify(connection).login("user,call");
  }

  @Test
  void customEventClassesAreRegisteredAfterLogin() throws Exception {
    connect(SETTINGS);
    InOrder order = inOrder(connection);
    order.verify(connection).login("off");
    for (var eventClass : AsteriskJavaExtensions.EVENT_CLASSES) {
      order.verify(connection).registerUserEventClass(eventClass);
    }
  }

  @Test
  void anErrorAnswerIsActionFailedNamingTheAction() throws Exception {
    AmiClient client = connected();
    when(connection.sendAction(any(ManagerAction.class), anyLong()))
        .thenReturn(error("Permission denied"));
    AmiException e = assertThrows(AmiException.class, () -> client.dbPut("f", "k", "v"));
    assertEquals(AmiException.Kind.ACTION_FAILED, e.kind());
    assertEquals("AMI action DBPut failed: Permission denied", e.getMessage());
  }

  @Test
  void noAnswerWithinTheActionTimeoutIsATimeout() throws Exception {
    AmiClient client = connect(SETTINGS.withTimeouts(Duration.ofMillis(50), Duration.ofSeconds(1)));
    when(connection.getState()).thenReturn(ManagerConnectionState.CONNECTED);
    when(connection.sendAction(any(ManagerAction.class), anyLong()))
        .thenAnswer(
            invocation -> {
              Thread.sleep(invocation.<Long>getArgument(1));
              throw new TimeoutException("Timeout waiting for response to SetVar");
            });
    AmiException e = assertThrows(AmiException.class, () -> client.setvar("A", "1"));
    assertEquals(AmiException.Kind.TIMEOUT, e.kind());
    assertEquals("the AMI at pbx:5038 did not answer SetVar within 50 ms", e.getMessage());
  }

  @Test
  void aTimeoutBeforeTheDeadlineMeansTheLinkDropped() throws Exception {
    AmiClient client = connected();
    when(connection.sendAction(any(ManagerAction.class), anyLong()))
        .thenThrow(new TimeoutException("Timeout waiting for response to SetVar"));
    AmiException e = assertThrows(AmiException.class, () -> client.setvar("A", "1"));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
    assertEquals("lost the AMI connection to pbx:5038", e.getMessage());
  }

  @Test
  void sendingWhileReconnectingIsUnreachable() throws Exception {
    AmiClient client = connected();
    when(connection.sendAction(any(ManagerAction.class), anyLong()))
        .thenThrow(new IllegalStateException("connection is in state RECONNECTING"));
    AmiException e = assertThrows(AmiException.class, () -> client.setvar("A", "1"));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
  }

  @Test
  void deletingAMissingDbKeyIsNotAnError() throws Exception {
    AmiClient client = connected();
    when(connection.sendAction(any(DbDelAction.class), anyLong()))
        .thenReturn(error("Database entry could not be deleted"));
    when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong()))
        .thenReturn(answer(error("Database entry not found")));
    client.dbDel("vaxel-absence", "2101");
  }

  @Test
  void aDbKeyThatCannotBeDeletedIsActionFailed() throws Exception {
    AmiClient client = connected();
    when(connection.sendAction(any(DbDelAction.class), anyLong()))
        .thenReturn(error("Database entry could not be deleted"));
    AsteriskJavaExtensions.DbGetEntryEvent entry =
        new AsteriskJavaExtensions.DbGetEntryEvent(this);
    entry.setVal(new Verbatim("still here"));
    when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong()))
        .thenReturn(answer(success(), entry, complete(new DbGetCompleteEvent(this), 1)));
    AmiException e =
        assertThrows(AmiException.class, () -> client.dbDel("vaxel-absence", "2101"));
    assertEquals("AMI action DBDel failed: Database entry could not be deleted", e.getMessage());
  }

  @Test
  void aDbTreeComesBackWithoutTheFamilyPrefix() throws Exception {
    AmiClient client = connected();
    DbGetTreeEntryEvent entry = new DbGetTreeEntryEvent(this);
    entry.setKey("/vaxel-absence/2101");
    entry.setVal(new Verbatim("2026-08-01|2102"));
    ArgumentCaptor<EventGeneratingAction> sent =
        ArgumentCaptor.forClass(EventGeneratingAction.class);
    when(connection.sendEventGeneratingAction(sent.capture(), anyLong()))
        .thenReturn(answer(success(), entry, complete(new DbGetTreeCompleteEvent(this), 1)));
    assertEquals(Map.of("2101", "2026-08-01|2102"), client.dbGetTree("vaxel-absence"));
    GenericListAction action = (GenericListAction) sent.getValue();
    assertEquals("DBGetTree", action.getAction());
    assertEquals(Map.of("Family", "vaxel-absence"), action.getAttributes());
  }

  @Test
  void aListThatEndsWithoutItsCompleteEventIsNeverTakenForTheWholeList() throws Exception {
    AmiClient client = connected();
    DbGetTreeEntryEvent entry = new DbGetTreeEntryEvent(this);
    entry.setKey("/vaxel-absence/2101");
    when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong()))
        .thenReturn(answer(success(), entry));
    AmiException e =
        assertThrows(AmiException.class, () -> client.dbGetTree("vaxel-absence"));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
  }

  @Test
  void aListShortOfItsListItemsIsReadAgainThenIncomplete() throws Exception {
    AmiClient client = connected();
    DbGetTreeEntryEvent entry = new DbGetTreeEntryEvent(this);
    entry.setKey("/vaxel-absence/2101");
    entry.setVal(new Verbatim("x"));
    when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong()))
        .thenReturn(answer(success(), entry, complete(new DbGetTreeCompleteEvent(this), 2)));
    AmiIncompleteException e =
        assertThrows(AmiIncompleteException.class, () -> client.dbGetTree("vaxel-absence"));
    verify(connection, times(2)).sendEventGeneratingAction(any(EventGeneratingAction.class),
        anyLong());
    assertTrue(e.getMessage().contains("(1 of 2 entries)"), e.getMessage());
  }

  @Test
  void aListWithoutListItemsCannotProveItIsWhole() throws Exception {
    AmiClient client = connected();
    when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong()))
        .thenReturn(answer(success(), new DbGetTreeCompleteEvent(this)));
    assertThrows(AmiIncompleteException.class, () -> client.dbGetTree("vaxel-absence"));
  }

  @Test
  void showDialplanAsksForOneContextAndAnUnknownContextIsEmpty() throws Exception {
    AmiClient client = connected();
    ArgumentCaptor<EventGeneratingAction> sent =
        ArgumentCaptor.forClass(EventGeneratingAction.class);
    when(connection.sendEventGeneratingAction(sent.capture(), anyLong()))
        .thenReturn(answer(error("Did not find context vaxel-staff")));
    assertEquals(List.of(), client.showDialplan("vaxel-staff"));
    GenericListAction action = (GenericListAction) sent.getValue();
    assertEquals("ShowDialPlan", action.getAction());
    assertEquals(Map.of("Context", "vaxel-staff"), action.getAttributes());
  }

  @Test
  void theWholeDialplanIsOneShowDialPlanWithoutAContext() throws Exception {
    AmiClient client = connected();
    ArgumentCaptor<EventGeneratingAction> sent =
        ArgumentCaptor.forClass(EventGeneratingAction.class);
    when(connection.sendEventGeneratingAction(sent.capture(), anyLong()))
        .thenReturn(answer(success(), complete(new DialplanCompleteEvent(this), 0)));
    assertEquals(List.of(), client.showDialplan());
    GenericListAction action = (GenericListAction) sent.getValue();
    assertEquals("ShowDialPlan", action.getAction());
    assertEquals(Map.of(), action.getAttributes());
  }

  @Test
  void noPjsipObjectsAreEmptyLists() throws Exception {
    AmiClient client = connected();
    when(connection.sendEventGeneratingAction(any(EventGeneratingAction.class), anyLong()))
        .thenReturn(answer(error("No endpoints found")), answer(error("No Contacts found")));
    assertEquals(List.of(), client.pjsipEndpoints());
    assertEquals(List.of(), client.pjsipContacts());
  }

  @Test
  void roundTripsCountTheLoginAndEveryAction() throws Exception {
    AmiClient client = connected();
    when(connection.sendAction(any(ManagerAction.class), anyLong())).thenReturn(success());
    assertEquals(3, client.roundTrips());
    client.setvar("A", "1");
    client.dbPut("f", "k", "v");
    assertEquals(5, client.roundTrips());
  }

  @Test
  void lineBreaksInHeaderValuesAreRefusedBeforeAnythingIsSent() throws Exception {
    AmiClient client = connected();
    assertThrows(
        IllegalArgumentException.class,
        () -> client.dbPut("f", "k", "v\r\nAction: Originate"));
    verify(connection, never()).sendAction(any(ManagerAction.class), anyLong());
  }

  @Test
  void userEventsNeedAClientConnectedWithEvents() {
    AmiClient client = connected();
    assertThrows(IllegalStateException.class, () -> client.onUserEvent("VaxelRang", e -> {}));
  }

  @Test
  void closeLogsOffOnce() {
    AmiClient client = connected();
    client.close();
    client.close();
    verify(connection, times(1)).logoff();
  }

  /** Answers each Setvar on another thread, as the library's reader thread does. */
  private List<String> answerSetvarsLater(java.util.function.Function<String, ManagerResponse> how)
      throws Exception {
    List<String> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.ExecutorService reader =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    org.mockito.Mockito.doAnswer(invocation -> {
      org.asteriskjava.manager.action.SetVarAction a = invocation.getArgument(0);
      org.asteriskjava.manager.SendActionCallback callback = invocation.getArgument(1);
      sent.add(a.getVariable() + "=" + a.getValue());
      ManagerResponse response = how.apply(a.getVariable());
      if (response != null) {
        reader.execute(() -> callback.onResponse(response));
      }
      return null;
    }).when(connection).sendAction(any(ManagerAction.class),
        any(org.asteriskjava.manager.SendActionCallback.class));
    return sent;
  }

  @Test
  void manySetvarsAreSentInOrderWithoutAWaitForEachAnswer() throws Exception {
    AsteriskJavaClient client = (AsteriskJavaClient) connected();
    List<String> sent = answerSetvarsLater(v -> success());
    List<Map.Entry<String, String>> values = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      values.add(Map.entry("PRESENCE_STATE(CustomPresence:" + (2000 + i) + ")", "away,,x" + i));
    }
    long before = client.roundTrips();

    client.setvars(values);

    assertEquals(values.stream().map(v -> v.getKey() + "=" + v.getValue()).toList(), sent);
    // One wait per window of 100, not one per action.
    assertEquals(3, client.roundTrips() - before);
    verify(connection, never()).sendAction(any(ManagerAction.class), anyLong());
  }

  @Test
  void aSetvarTheAmiRefusesFailsTheBatchNamingTheAction() throws Exception {
    AmiClient client = connected();
    answerSetvarsLater(v -> v.endsWith("2005)") ? error("Permission denied") : success());
    List<Map.Entry<String, String>> values = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      values.add(Map.entry("PRESENCE_STATE(CustomPresence:" + (2000 + i) + ")", "away,,x"));
    }

    AmiException e = assertThrows(AmiException.class, () -> client.setvars(values));

    assertEquals(AmiException.Kind.ACTION_FAILED, e.kind());
    assertEquals("AMI action SetVar failed: Permission denied", e.getMessage());
  }

  @Test
  void setvarsThatAreNeverAnsweredTimeOut() throws Exception {
    AmiClient client = connect(SETTINGS.withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1)));
    when(connection.getState()).thenReturn(ManagerConnectionState.CONNECTED);
    answerSetvarsLater(v -> null);

    AmiException e = assertThrows(AmiException.class, () -> client.setvars(List.of(
        Map.entry("A", "1"), Map.entry("B", "2"))));

    assertEquals(AmiException.Kind.TIMEOUT, e.kind());
    assertTrue(e.getMessage().contains("did not answer SetVar"), e.getMessage());
  }
}
