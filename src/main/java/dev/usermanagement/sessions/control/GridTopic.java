package dev.usermanagement.sessions.control;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A topic of Payara's data grid (Hazelcast). Kept apart from SessionBroadcast so that only Payara ever
 * loads a Hazelcast type: on a server without Hazelcast the bean must still deploy.
 */
final class GridTopic {

    private final ITopic<String> topic;
    private final UUID listener;

    GridTopic(Object grid, String name, Consumer<String> fromOtherMembers) {
        topic = ((HazelcastInstance) grid).getTopic(name);
        listener = topic.addMessageListener(message -> {
            if (!message.getPublishingMember().localMember()) {
                fromOtherMembers.accept(message.getMessageObject());
            }
        });
    }

    void publish(String message) {
        topic.publish(message);
    }

    void leave() {
        topic.removeMessageListener(listener);
    }
}
