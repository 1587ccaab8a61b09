package dev.usermanagement.sessions.control;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A message every member of the grid must confirm: publish() returns once each member that listens has
 * handled it, or when the wait is over, naming those that did not confirm. Requests go out on one topic
 * and each member confirms on the sender's own topic; only Strings and UUIDs travel, so no member has to
 * load another member's classes. A member that has joined the grid but not (yet) the topic is not waited
 * for: a replicated map, read locally, says who listens, and a member that leaves the grid is dropped from it.
 */
final class GridFanOut {

    /** What publish() learnt: the members that did not confirm in time, by address. */
    record Unconfirmed(Set<String> members) {
        boolean none() {
            return members.isEmpty();
        }
    }

    private record Pending(Set<UUID> awaited, CompletableFuture<Void> done) {
        void confirmed(UUID member) {
            if (awaited.remove(member) && awaited.isEmpty()) {
                done.complete(null);
            }
        }
    }

    private static final char SEPARATOR = '\n';
    private static final String FENCE = "fence:";

    private final HazelcastInstance grid;
    private final UUID self;
    private final ITopic<String> requests;
    private final ITopic<String> confirmations;
    private final ReplicatedMap<UUID, String> listeners;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final UUID requestListener;
    private final UUID confirmationListener;
    private final UUID membershipListener;
    private final Runnable gridShrank;

    /**
     * Joins the topic named name: handle runs for each message of another member before it is confirmed,
     * and gridShrank whenever a member leaves (crash or split), when messages may have been missed.
     */
    GridFanOut(Object hazelcast, String name, Consumer<String> handle, Runnable gridShrank) {
        grid = (HazelcastInstance) hazelcast;
        this.gridShrank = gridShrank;
        self = grid.getCluster().getLocalMember().getUuid();
        requests = grid.getTopic(name);
        confirmations = grid.getTopic(confirmationTopic(name, self));
        listeners = grid.getReplicatedMap(name + ".listeners");
        confirmationListener = confirmations.addMessageListener(this::confirmed);
        requestListener = requests.addMessageListener(message -> handle(name, message, handle));
        membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // after a split heals the halves merge: anyone dropped meanwhile is listening again
                listeners.put(self, address());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                UUID gone = event.getMember().getUuid();
                listeners.remove(gone);
                pending.values().forEach(request -> request.confirmed(gone));
                gridShrank.run();
            }
        });
        listeners.put(self, address());
    }

    private String address() {
        return grid.getCluster().getLocalMember().getAddress().toString();
    }

    private static String confirmationTopic(String name, UUID member) {
        return name + ".confirmed." + member;
    }

    private void handle(String name, Message<String> message, Consumer<String> handle) {
        Member from = message.getPublishingMember();
        if (from.localMember()) {
            return;
        }
        String text = message.getMessageObject();
        int split = text.indexOf(SEPARATOR);
        String body = text.substring(split + 1);
        if (body.startsWith(FENCE)) {
            fenced(UUID.fromString(body.substring(FENCE.length())));
            return;
        }
        handle.accept(body);
        grid.<String>getTopic(confirmationTopic(name, from.getUuid())).publish(text.substring(0, split));
    }

    /** Told it missed a confirmation: it forgets everything it remembers before it is waited for again. */
    private void fenced(UUID member) {
        if (member.equals(self)) {
            gridShrank.run();
            listeners.put(self, address());
        }
    }

    private void confirmed(Message<String> message) {
        Pending request = pending.get(message.getMessageObject());
        if (request != null) {
            request.confirmed(message.getPublishingMember().getUuid());
        }
    }

    /** Sends the message and waits at most patience for every other listening member to confirm it. */
    Unconfirmed publish(String message, Duration patience) throws InterruptedException {
        Set<UUID> awaited = ConcurrentHashMap.newKeySet();
        grid.getCluster().getMembers().stream().filter(member -> !member.localMember())
                .map(Member::getUuid).filter(listeners::containsKey).forEach(awaited::add);
        if (awaited.isEmpty()) {
            requests.publish(UUID.randomUUID() + String.valueOf(SEPARATOR) + message);
            return new Unconfirmed(Set.of());
        }
        String id = UUID.randomUUID().toString();
        var request = new Pending(awaited, new CompletableFuture<>());
        pending.put(id, request);
        try {
            requests.publish(id + SEPARATOR + message);
            request.done().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return new Unconfirmed(Set.of());
        } catch (TimeoutException | ExecutionException late) {
            return fence(Set.copyOf(awaited));
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Members that did not confirm are dropped from the listeners, so the next message does not wait for
     * them, and told to forget everything: when the fence reaches one, it reads every session afresh and
     * listens again. One that never hears it is cut off from the grid, and clears its memory when the grid
     * drops it (memberRemoved on its side).
     */
    private Unconfirmed fence(Set<UUID> late) {
        var named = late.stream().map(member -> listeners.getOrDefault(member, "?") + " (" + member + ")").toList();
        late.forEach(member -> {
            listeners.remove(member);
            requests.publish(UUID.randomUUID() + String.valueOf(SEPARATOR) + FENCE + member);
        });
        return new Unconfirmed(Set.copyOf(named));
    }

    void leave() {
        listeners.remove(self);
        requests.removeMessageListener(requestListener);
        confirmations.removeMessageListener(confirmationListener);
        grid.getCluster().removeMembershipListener(membershipListener);
    }
}
