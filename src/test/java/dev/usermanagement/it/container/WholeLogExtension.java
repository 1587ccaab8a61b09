package dev.usermanagement.it.container;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Puts {@link WholeLogPayaraMicroContainer} in the place of the adapter's own container. */
public class WholeLogExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class,
                WholeLogPayaraMicroContainer.class);
    }
}
