package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import java.util.List;
import java.util.Map;

/**
 * A dialog running in one chat. The stack holds the called dialogs, the top (last) frame is the
 * one acting. Roles (role name to partner) belong to the run, so a sub-dialog sees them too.
 *
 * @param owner     the partner whose private chat this is; null in the group
 * @param lastActor the partner whose input the run handled last (for {actor} and conditions)
 */
public record Run(Chat chat, Partner owner, List<Frame> stack, Map<String, Partner> roles, Partner lastActor) {
    public Run {
        stack = List.copyOf(stack);
        roles = Map.copyOf(roles);
        if (stack.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one frame in chat " + chat);
        }
    }

    public Frame top() {
        return stack.get(stack.size() - 1);
    }

    /** The same run with its acting (top) frame replaced. */
    public Run withTop(Frame frame) {
        List<Frame> s = new java.util.ArrayList<>(stack);
        s.set(s.size() - 1, frame);
        return new Run(chat, owner, s, roles, lastActor);
    }

    Run withStack(List<Frame> newStack) {
        return new Run(chat, owner, newStack, roles, lastActor);
    }

    Run withRoles(Map<String, Partner> newRoles) {
        return new Run(chat, owner, stack, newRoles, lastActor);
    }

    Run withLastActor(Partner actor) {
        return new Run(chat, owner, stack, roles, actor);
    }
}
