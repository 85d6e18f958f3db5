package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedTest {
    private static final Member SAM = new Member(7, Partner.A, Chat.A);
    private static final Received.Origin FROM = Received.Origin.privateChat(1001, "Kimberly");

    @Test
    void aPartnersWordsNameAndTypedButtonDataStayOutOfEveryString() {
        List<Received> all = List.of(
                new Received.Text(1, SAM, FROM, "he frightens me"),
                new Received.Command(2, SAM, FROM, "appreciate", "he frightens me"),
                new Received.Press(3, SAM, FROM, new FlowButton.NameNeedsHelp("he frightens me").encode(), 9),
                new Received.NonText(4, SAM, FROM));
        for (Received r : all) {
            String s = r.toString();
            assertFalse(s.contains("frightens") || s.contains("Kimberly"), s);
        }
    }
}
