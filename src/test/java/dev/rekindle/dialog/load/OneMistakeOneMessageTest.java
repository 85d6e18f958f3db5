package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.dialog.validate.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the broken files cannot show alone: that a mistake brings no other errors along, and that the new checks
 * stay quiet where the dialog is right (a "me" with one reader, a dialog another one leads to, /start).
 */
class OneMistakeOneMessageTest {

    private static List<String> problems(SourceFile... extra) {
        List<SourceFile> files = new ArrayList<>(TestFiles.support());
        files.addAll(List.of(extra));
        LoadResult r = DialogLoader.loadSources(files);
        List<String> names = List.of(extra).stream().map(SourceFile::name).toList();
        return r.problems().stream()
                .filter(p -> names.contains(p.source().file()))
                .map(Problem::toString)
                .toList();
    }

    @Test
    void statesCutOffTogetherAreOneErrorOnTheFirstOfThem() {
        List<String> p = problems(new SourceFile("cut.yaml", """
                id: cut
                title: Cut off
                description: Nothing leads to 'listen', and so not to what follows it.
                audience: private
                triggers: {commands: [/helper3]}
                start: a
                states:
                  a:
                    end: true
                  listen:
                    to: answer
                  answer:
                    buttons:
                      - {label: "Again", to: listen}
                      - {label: "Done", to: thanks}
                  thanks:
                    end: true
                  loop_one:
                    to: loop_two
                  loop_two:
                    to: loop_one
                """));
        assertEquals(
                List.of(
                        "cut.yaml:5:23: warning: dialog 'cut' has the command /helper3 but is not in the menu, and no"
                                + " dialog leads to it: only someone who already knows /helper3 can start it (add cut"
                                + " to menu: in bot.yaml, or lead to it from another dialog with handover:)",
                        "cut.yaml:10:3: error: state 'listen' can never be reached from start 'a', and so neither can"
                                + " 'answer' and 'thanks', which it leads to (lead to it from another state (to, buttons,"
                                + " routes, branch, timer...), or remove it)",
                        "cut.yaml:18:3: error: state 'loop_one' can never be reached from start 'a', and so neither can"
                                + " 'loop_two', which it leads to (lead to it from another state (to, buttons, routes,"
                                + " branch, timer...), or remove it)"),
                p);
    }

    @Test
    void aDialogAnotherLeadsToOrThatStartAnswersNeedsNoPlaceInTheMenu() {
        SourceFile leads = new SourceFile("leads.yaml", """
                id: leads
                title: Leads on
                description: Hands over to a dialog outside the menu.
                audience: private
                start: a
                states:
                  a:
                    handover: offered
                """);
        SourceFile offered = new SourceFile("offered.yaml", """
                id: offered
                title: Offered
                description: Reached from another exercise, and by its own command.
                audience: private
                triggers: {commands: [/offered]}
                start: a
                states:
                  a:
                    end: true
                """);
        SourceFile hello = new SourceFile("hello.yaml", """
                id: hello
                title: Hello
                description: What Telegram's Start button sends.
                audience: private
                triggers: {commands: [/start]}
                start: a
                states:
                  a:
                    end: true
                """);
        assertEquals(
                List.of("leads.yaml:1:5: warning: dialog 'leads' can never start: it is not in the menu, has no"
                        + " triggers, and no dialog calls or hands over to it (add it to menu: in bot.yaml, give it"
                        + " triggers:, or remove it)"),
                problems(leads, offered, hello));
    }

    @Test
    void meHasOneReaderInAPrivateQuestionAndActorIsTheSameForBoth() {
        List<String> p = problems(new SourceFile("readers.yaml", """
                id: readers
                title: Readers
                description: Who "me" is, message by message.
                audience: group
                triggers: {commands: [/group_helper2]}
                start: ask
                states:
                  ask:
                    say: "{actor.name} started this. I've asked each of you privately."
                    rendezvous:
                      ask: "{me.name}, one wish for the weekend?"
                      into: wish
                      to: reveal
                  reveal:
                    say: "Wishes: {A.wish} and {B.wish}."
                    buttons:
                      - {label: "Thanks", to: done}
                    timer: {after: 1h, nudge: "Still there, {partner.name}?", to: done}
                  done:
                    end: true
                """));
        assertEquals(
                List.of(
                        "readers.yaml:5:23: warning: dialog 'readers' has the command /group_helper2 but is not in the"
                                + " menu, and no dialog leads to it: only someone who already knows /group_helper2 can"
                                + " start it (add readers to menu: in bot.yaml, or lead to it from another dialog with"
                                + " handover:)",
                        "readers.yaml:18:45: error: '{partner.name}' in the timer nudge in state 'reveal' goes to the"
                                + " group, which both partners read, so 'partner' names nobody in particular (write"
                                + " {A.name} and {B.name}, or {actor.name} for whoever tapped or wrote last)"),
                p);
    }

    @Test
    void everyYesOrNoKeyTellsWhatItTakes() {
        List<String> p = problems(new SourceFile("flags.yaml", """
                id: flags
                title: Flags
                description: A yes where YAML 1.2 reads a word.
                audience: group
                roles: [speaker, listener]
                triggers: {commands: [/flags]}
                start: a
                states:
                  a:
                    swap_roles: yes
                    end: true
                """));
        assertEquals(
                "flags.yaml:10:17: error: 'swap_roles' in state 'a' is 'yes', but it can only be true or false (write"
                        + " swap_roles: true or swap_roles: false; yes, no, on and off are words in YAML, not true or"
                        + " false)",
                p.stream().filter(s -> s.contains("error")).findFirst().orElse(p.toString()));
    }
}
