package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rekindle.dialog.validate.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Doubtful but working uses of shared(...) and of rendezvous buttons: warned about where they are written. */
class LanguageWarningsTest {

    private static List<String> warnings(String yaml) {
        List<SourceFile> files = new ArrayList<>(TestFiles.support());
        files.add(new SourceFile("dialogs/w.yaml", yaml));
        LoadResult r = DialogLoader.loadSources(files);
        assertFalse(r.hasErrors(), () -> BrokenDialogsTest.describe(r.problems()));
        return r.problems().stream()
                .filter(p -> !p.isError() && p.source().file().equals("dialogs/w.yaml"))
                .map(Problem::toString)
                .filter(s -> !s.contains("can never start") && !s.contains("is not in the menu"))
                .toList();
    }

    @Test
    void aConsentTestOnAnAnswerNobodyIsAskedToShareCanNeverBeTrue() {
        List<String> w = warnings("""
                id: w
                title: W
                description: A question nobody is asked to share.
                audience: group
                triggers: {commands: [/w]}
                start: ask
                states:
                  ask:
                    rendezvous: {ask: "A word?", into: word, to: check}
                  check:
                    branch:
                      - {if: "shared(both.word)", to: done}
                      - {else: done}
                  done:
                    end: true
                """);
        assertEquals(
                List.of("dialogs/w.yaml:12:22: warning: 'shared(both.word)' in the condition of case 1 in state"
                        + " 'check' can never be true: nothing in dialog 'w' asks for consent on 'word' (add consent: to the"
                        + " rendezvous, or a share step for it)"),
                w);
    }

    @Test
    void aCheckOnTypedAnswersBesideAnswerButtonsNeverRuns() {
        List<String> w = warnings("""
                id: w
                title: W
                description: Buttons and a length check.
                audience: group
                triggers: {commands: [/w]}
                start: ask
                states:
                  ask:
                    rendezvous:
                      ask: "Ready?"
                      into: ready
                      length: {min: 1, max: 40}
                      buttons:
                        - {label: "Yes", value: "yes"}
                      to: done
                  done:
                    end: true
                """);
        assertEquals(1, w.size(), w.toString());
        assertEquals(
                true,
                w.get(0).startsWith("dialogs/w.yaml:13:7: warning: the rendezvous in state 'ask' has answer buttons"),
                w.get(0));
    }
}
