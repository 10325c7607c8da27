package ai.automations.registry.registry;

import java.time.InstantSource;

import jakarta.inject.Singleton;

import ai.automations.registry.container.ContainerService;
import ai.automations.registry.outbox.Tx;

/** An entity's registries: created, read and listed as every {@link ai.automations.registry.container.Container}. */
@Singleton
public class RegistryService extends ContainerService<Registry, RegistryView> {

    public RegistryService(Tx tx, InstantSource clock) {
        super(Registry.KIND, RegistryView::new, tx, clock);
    }
}
