package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxPayloadTest {

    @Test
    void aTextEntryKeepsItsWordsAndButtonsAndNoChatOfTheEngine() {
        OutboxMessage.Text text =
                new OutboxMessage.Text("<b>Ready?</b>", List.of(new OutboxMessage.Button("Yes", "x.y@1")));
        Outgoing entry = OutboxPayload.entry(42, text, "m3");
        assertEquals(OutboxKind.SEND, entry.kind());
        assertEquals("m3", entry.ref());
        assertEquals(text, OutboxPayload.readText(entry.payload()));
        assertFalse(entry.payload().contains("\"to\""), "the chat is the entry's, not the payload's");
    }

    @Test
    void aCloseEntryNamesThePressedMessageInItsPayload() {
        Outgoing entry = OutboxPayload.entry(42, new OutboxMessage.CloseButtons(4711, null), null);
        assertEquals(OutboxKind.CLOSE_BUTTONS, entry.kind());
        assertEquals(new OutboxMessage.CloseButtons(4711, null), OutboxPayload.readCloseButtons(entry.payload()));
    }

    @Test
    void aPressAnswerAndAnAnsweredCloseReadBackAsWritten() {
        Outgoing answer = OutboxPayload.entry(-42, new OutboxMessage.PressAnswer("q7", "Not yours to tap."), null);
        assertEquals(OutboxKind.ANSWER_CALLBACK, answer.kind());
        assertEquals(
                new OutboxMessage.PressAnswer("q7", "Not yours to tap."),
                OutboxPayload.readPressAnswer(answer.payload()));
        assertEquals(
                new OutboxMessage.PressAnswer("q8", null),
                OutboxPayload.readPressAnswer(OutboxPayload.entry(-42, new OutboxMessage.PressAnswer("q8", null), null)
                        .payload()));
        OutboxMessage.CloseButtons close = new OutboxMessage.CloseButtons(0, "Alex: Not now", "<b>Ready</b>?");
        assertEquals(
                close,
                OutboxPayload.readCloseButtons(
                        OutboxPayload.entry(-42, close, "m9").payload()));
    }

    @Test
    void payloadsQueuedBeforeTheOutboxHadItsOwnTypeStillRead() {
        // what an entry still pending across the upgrade holds: the engine's Send and CloseButtons as JSON
        String send =
                "{\"to\":\"A\",\"ref\":null,\"html\":\"Hello\",\"buttons\":[{\"label\":\"Yes\",\"data\":\"a.b@1\"}]}";
        assertEquals(
                new OutboxMessage.Text("Hello", List.of(new OutboxMessage.Button("Yes", "a.b@1"))),
                OutboxPayload.readText(send));
        String close = "{\"to\":\"A\",\"ref\":\"msg:4711\",\"chosenLabel\":null}";
        assertEquals(new OutboxMessage.CloseButtons(4711, null), OutboxPayload.readCloseButtons(close));
        String engineClose = "{\"to\":\"GROUP\",\"ref\":\"m7\",\"chosenLabel\":\"Yes\"}";
        assertEquals(new OutboxMessage.CloseButtons(0, "Yes"), OutboxPayload.readCloseButtons(engineClose));
    }

    @Test
    void anUnreadablePayloadSaysWhereNotWhat() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> OutboxPayload.readText("{\"html\": \"my secret words\""));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
