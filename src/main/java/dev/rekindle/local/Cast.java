package dev.rekindle.local;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The people of a terminal session, in the channel's ids: one or two persons, each with a private chat whose id
 * is theirs (as in Telegram), and, when there are two, one group of the two of them and the bot. Who is partner A
 * or B of a couple is the store's to decide (the one who invites is A); here a person is just someone typing.
 */
public record Cast(List<Person> people) {
    /** The id of the group the two people share; negative, like every Telegram group id. */
    public static final long GROUP_ID = -1_000_000_001L;

    /** A person who talks to the bot: their first name as the messenger shows it, and their user id. */
    public record Person(String name, long userId) {}

    public Cast {
        people = List.copyOf(people);
        if (people.isEmpty() || people.size() > 2) {
            throw new IllegalArgumentException("a terminal session has one or two people, not " + people.size());
        }
    }

    /** One or two people by first name: the first has user id 1001, the second 1002. */
    public static Cast of(List<String> names) {
        return new Cast(java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> new Person(names.get(i), 1001L + i))
                .toList());
    }

    /** Whether there is a group: only with two people. */
    public boolean hasGroup() {
        return people.size() == 2;
    }

    public Person first() {
        return people.get(0);
    }

    /** The other person, if there is one. */
    public Optional<Person> other(Person p) {
        return people.stream().filter(q -> !q.equals(p)).findFirst();
    }

    /** The person named {@code who}: A or B (in the order given), or a name, ignoring case. */
    public Optional<Person> find(String who) {
        String w = who.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < people.size(); i++) {
            Person p = people.get(i);
            if (w.equals(i == 0 ? "a" : "b") || w.equals(p.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The person whose private chat {@code chatId} is, if any. */
    public Optional<Person> owner(long chatId) {
        return people.stream().filter(p -> p.userId() == chatId).findFirst();
    }

    /** "[private → Sam] " or "[group → both] ": where a message went, as the chat prints it. */
    String label(long chatId) {
        if (chatId == GROUP_ID) {
            return "[group → both] ";
        }
        return owner(chatId).map(p -> "[private → " + p.name() + "] ").orElse("[chat " + chatId + "] ");
    }
}
