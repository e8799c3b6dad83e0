package org.tidings.broker.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UserRegistryTest {

    @TempDir
    Path directory;

    @Test
    void withoutAUsersFileEveryoneIsAccepted() {
        UserRegistry open = UserRegistry.open();
        assertThat(open.isEnabled()).isFalse();
        assertThat(open.accepts(null, null)).isTrue();
        assertThat(open.accepts("anyone", "anything")).isTrue();
    }

    @Test
    void withAUsersFileOnlyMatchingCredentialsAndAllowedAnonymousPass() throws Exception {
        Path file = Files.writeString(directory.resolve("users.properties"), "j2ee=j2ee\njavajoe=javajoe\n");
        UserRegistry anonymousAllowed = UserRegistry.load(file, true);
        UserRegistry anonymousRefused = UserRegistry.load(file, false);

        assertThat(anonymousAllowed.accepts("j2ee", "j2ee")).isTrue();
        assertThat(anonymousAllowed.accepts("j2ee", "wrong")).isFalse();
        assertThat(anonymousAllowed.accepts("j2ee", null)).isFalse();
        assertThat(anonymousAllowed.accepts("stranger", "j2ee")).isFalse();
        assertThat(anonymousAllowed.accepts(null, null)).isTrue();
        assertThat(anonymousRefused.accepts(null, null)).isFalse();
        assertThat(anonymousRefused.accepts("javajoe", "javajoe")).isTrue();
    }
}
