package dev.graphkit.neo4jlocal;

import java.util.Comparator;
import java.util.Optional;
import java.util.ServiceLoader;
import org.neo4j.configuration.Config;
import org.neo4j.gds.LicensingBusinessFacade;
import org.neo4j.gds.LicensingService;
import org.neo4j.gds.LicensingServiceBuilder;
import org.neo4j.gds.SysInfoProcFacade;
import org.neo4j.gds.applications.modelcatalog.ModelRepository;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.logging.Log;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;

/**
 * Wires up Open Graph Data Science inside the embedded server.
 *
 * <p>Maven Central carries the GDS modules ({@code org.neo4j.gds:proc} and friends) but not the
 * {@code open-packaging} module that holds the extension registering the {@code GraphDataScienceProcedures}
 * component every GDS procedure injects (and the one registering {@code SysInfoProcFacade}). Without them
 * Neo4j refuses to start ("... is not a known injectable component"). This is a small stand-in written against the public API of GDS 2.13.x: native write-back only,
 * no metrics, in-memory model catalog, no model persistence - i.e. what the OpenGDS plugin offers.
 *
 * <p>Registered through META-INF/services/org.neo4j.kernel.extension.ExtensionFactory.
 */
public final class OpenGdsExtension extends ExtensionFactory<OpenGdsExtension.Dependencies> {
    public OpenGdsExtension() {
        super("gds.open");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies deps) {
        Log log = new LogAccessor().getLog(deps.logService(), getClass());

        // gds.license.state / gds.debug.sysInfo inject this facade; the open edition's licensing service is
        // found through ServiceLoader (org.neo4j.gds:open-licensing).
        LicensingService licensing = ServiceLoader.load(LicensingServiceBuilder.class).stream()
                .map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(LicensingServiceBuilder::priority))
                .orElseThrow(() -> new IllegalStateException("no GDS LicensingServiceBuilder on the class path"))
                .build(deps.config());
        deps.globalProcedures()
                .registerComponent(
                        SysInfoProcFacade.class,
                        ctx -> new SysInfoProcFacade(new LicensingBusinessFacade(licensing)),
                        true);

        ModelRepository noModelStore = model -> {
            throw new UnsupportedOperationException("Storing models on disk is not available in OpenGDS");
        };
        return OpenGraphDataScienceExtensionBuilder.create(
                        log,
                        deps.globalProcedures(),
                        deps.config(),
                        (db, config) -> new NativeExportBuildersProvider(),
                        new DefaultExportLocation(log, deps.config()),
                        new FeatureTogglesRepository(),
                        Metrics.DISABLED,
                        new OpenModelCatalog(),
                        noModelStore,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty())
                .getLeft()
                .build();
    }

    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }
}
