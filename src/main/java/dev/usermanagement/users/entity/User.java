package dev.usermanagement.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "users", uniqueConstraints = @UniqueConstraint(name = "uk_users_username_key", columnNames = "username_key"))
@NamedQuery(name = User.BY_USERNAME_KEY, query = "SELECT u FROM User u WHERE u.usernameKey = :key")
@NamedQuery(name = User.SEARCH, query = "SELECT u FROM User u WHERE u.usernameKey LIKE :pattern ESCAPE '!' ORDER BY u.dateJoined, u.id")
@NamedQuery(name = User.COUNT_SEARCH, query = "SELECT COUNT(u) FROM User u WHERE u.usernameKey LIKE :pattern ESCAPE '!'")
public class User {

    public static final String BY_USERNAME_KEY = "User.byUsernameKey";
    public static final String SEARCH = "User.search";
    public static final String COUNT_SEARCH = "User.countSearch";

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 1024)
    private String username;

    /** The name folded for comparison; the unique constraint makes "Alice" and "alice" one account. */
    @Column(name = "username_key", nullable = false, length = 1024)
    private String usernameKey;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "date_joined", nullable = false)
    private Instant dateJoined;

    protected User() {
    }

    public User(String username, String usernameKey, String passwordHash, Instant dateJoined) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.usernameKey = usernameKey;
        this.passwordHash = passwordHash;
        this.active = true;
        this.dateJoined = dateJoined;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean active() {
        return active;
    }

    public Instant dateJoined() {
        return dateJoined;
    }

    /** An inactive account can neither log in nor refresh (the contract's "inactive user"). */
    public void setActive(boolean active) {
        this.active = active;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }
}
