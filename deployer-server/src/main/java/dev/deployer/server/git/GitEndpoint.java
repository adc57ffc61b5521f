package dev.deployer.server.git;

import dev.deployer.api.Names;
import dev.deployer.server.apps.AppService;
import dev.deployer.server.auth.Caller;
import dev.deployer.server.repos.AppRepositories;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;

/**
 * {@code /git/APP.git}: clone and fetch through JGit's GitServlet; pushes through our own
 * receive-pack handler, because GitServlet buffers its answer until the push ends and the
 * pusher must see build and deploy lines while they happen.
 */
public class GitEndpoint extends HttpServlet {
    private static final String RECEIVE_PACK = "/git-receive-pack";

    private final transient AppService apps;
    private final transient AppRepositories repositories;
    private final transient PushDeploy pushDeploy;
    private final transient GitServlet jgit = new GitServlet();

    public GitEndpoint(AppService apps, AppRepositories repositories, PushDeploy pushDeploy) {
        this.apps = apps;
        this.repositories = repositories;
        this.pushDeploy = pushDeploy;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        jgit.setRepositoryResolver((request, name) -> open(name));
        jgit.setReceivePackFactory((request, repository) -> receivePack(request, repository));
        jgit.setUploadPackFactory((request, repository) -> new org.eclipse.jgit.transport.UploadPack(repository));
        jgit.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if ("POST".equals(request.getMethod()) && path.endsWith(RECEIVE_PACK)) {
            receive(request, response, path.substring(1, path.length() - RECEIVE_PACK.length()));
        } else {
            jgit.service(request, response);
        }
    }

    private void receive(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Repository repository;
        try {
            repository = open(name);
        } catch (RepositoryNotFoundException | ServiceNotEnabledException e) {
            response.sendError(404, e.getMessage());
            return;
        }
        try (repository) {
            ReceivePack pack = receivePack(request, repository);
            pack.setBiDirectionalPipe(false);
            response.setContentType("application/x-git-receive-pack-result");
            response.setHeader("Cache-Control", "no-cache");
            InputStream in = request.getInputStream();
            if ("gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            // Straight to the response: every flush of the side band reaches the pusher at once.
            try {
                pack.receive(in, response.getOutputStream(), null);
            } catch (UnpackException e) {
                // Already in the pusher's status report (e.g. "Pack exceeds the limit"): send that, not a 500,
                // and read the rest of the pack to nowhere, so the client reads the report instead of a reset.
                response.flushBuffer();
                drain(in);
            }
        }
    }

    private ReceivePack receivePack(HttpServletRequest request, Repository repository) {
        Caller caller = (Caller) request.getAttribute(GitAccess.CALLER);
        ReceivePack pack = new ReceivePack(repository);
        pack.setAllowNonFastForwards(true); // git itself refuses a non-fast-forward push unless --force
        pack.setAllowDeletes(true);
        pack.setCheckReceivedObjects(true); // JGit's ObjectChecker: no '..', '.git' or duplicate tree entries, sane commits
        pack.setMaxPackSizeLimit(apps.require(appName(repository)).maxPushMib() * 1024L * 1024L); // refused while it arrives
        pack.setPreReceiveHook((receiving, commands) -> pushDeploy.onPush(appName(repository), caller, receiving, commands));
        return pack;
    }

    private Repository open(String name) throws RepositoryNotFoundException, ServiceNotEnabledException {
        String app = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
        try {
            Names.appName(app);
        } catch (IllegalArgumentException e) {
            throw new RepositoryNotFoundException(name);
        }
        if (apps.find(app).isEmpty()) {
            throw new RepositoryNotFoundException("no app named " + app);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(repositories.ensure(app).toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException pusherLeft) {
            // nothing more to read
        }
    }

    private static String appName(Repository repository) {
        String dir = repository.getDirectory().getName();
        return dir.substring(0, dir.length() - 4);
    }
}
