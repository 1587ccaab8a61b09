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
 * and each member confirms on the sender's own topic; only Strings travel, so no member has to load
 * another member's classes. A replicated map, read locally and written only by each member about itself,
 * says who listens, so a member that has joined the grid but not (yet) the topic is not waited for.
 * Nothing on the path of publish() waits for a map operation: a member that stops answering may own
 * partitions, and the grid would make such an operation wait for a minute.
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
    private final Runnable forgetAll;
    private final ITopic<String> requests;
    private final ITopic<String> confirmations;
    private final ReplicatedMap<UUID, String> listeners;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Members that missed a confirmation, not waited for until they confirm the fence (they forgot everything). */
    private final Map<UUID, String> fenced = new ConcurrentHashMap<>();
    /** Fence message ids, and whom each one fences. */
    private final Map<String, UUID> fences = new ConcurrentHashMap<>();
    private final UUID requestListener;
    private final UUID confirmationListener;
    private final UUID membershipListener;

    /**
     * Joins the topic named name: handle runs for each message of another member before it is confirmed,
     * and forgetAll whenever messages may have been missed (a member left: crash or split; or this one was
     * fenced).
     */
    GridFanOut(Object hazelcast, String name, Consumer<String> handle, Runnable forgetAll) {
        grid = (HazelcastInstance) hazelcast;
        this.forgetAll = forgetAll;
        self = grid.getCluster().getLocalMember().getUuid();
        requests = grid.getTopic(name);
        confirmations = grid.getTopic(confirmationTopic(name, self));
        listeners = grid.getReplicatedMap(name + ".listeners");
        confirmationListener = confirmations.addMessageListener(this::confirmed);
        requestListener = requests.addMessageListener(message -> handle(name, message, handle));
        membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // a member back after a split forgot everything when the grid split (memberRemoved on its side)
                fenced.remove(event.getMember().getUuid());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                UUID gone = event.getMember().getUuid();
                fenced.remove(gone);
                fences.values().remove(gone);
                pending.values().forEach(request -> request.confirmed(gone));
                forgetAll.run();
            }
        });
        listeners.put(self, grid.getCluster().getLocalMember().getAddress().toString());
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
        if (!body.startsWith(FENCE)) {
            handle.accept(body);
        } else if (UUID.fromString(body.substring(FENCE.length())).equals(self)) {
            forgetAll.run();
        }
        grid.<String>getTopic(confirmationTopic(name, from.getUuid())).publish(text.substring(0, split));
    }

    private void confirmed(Message<String> message) {
        String id = message.getMessageObject();
        UUID member = message.getPublishingMember().getUuid();
        if (member.equals(fences.get(id))) {
            fences.remove(id);
            fenced.remove(member);
        }
        Pending request = pending.get(id);
        if (request != null) {
            request.confirmed(member);
        }
    }

    /** Sends the message and waits at most patience for every other listening member to confirm it. */
    Unconfirmed publish(String message, Duration patience) throws InterruptedException {
        Set<UUID> awaited = ConcurrentHashMap.newKeySet();
        grid.getCluster().getMembers().stream().map(Member::getUuid)
                .filter(member -> !member.equals(self) && listeners.containsKey(member) && !fenced.containsKey(member))
                .forEach(awaited::add);
        String id = UUID.randomUUID().toString();
        if (awaited.isEmpty()) {
            requests.publish(id + SEPARATOR + message);
            return new Unconfirmed(Set.of());
        }
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
     * Members that did not confirm are not waited for again, and are told to forget everything: once one
     * confirms that, it is waited for again. One that never hears it is cut off from the grid, and forgets
     * everything when the grid drops it (memberRemoved on its side).
     */
    private Unconfirmed fence(Set<UUID> late) {
        late.forEach(member -> {
            String id = UUID.randomUUID().toString();
            fenced.put(member, listeners.getOrDefault(member, "?"));
            fences.put(id, member);
            requests.publish(id + SEPARATOR + FENCE + member);
        });
        return new Unconfirmed(Set.copyOf(late.stream().map(member -> fenced.get(member) + " (" + member + ")").toList()));
    }

    void leave() {
        listeners.remove(self);
        requests.removeMessageListener(requestListener);
        confirmations.removeMessageListener(confirmationListener);
        grid.getCluster().removeMembershipListener(membershipListener);
    }
}
