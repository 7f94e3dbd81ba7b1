package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	"github.com/hashicorp/hcl/v2"
	"github.com/pulumi/pulumi/pkg/v3/codegen/hcl2/syntax"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// A language: Pulumi's generators for it, and how a generated SDK is added to one of its programs.
type language struct {
	name string
	// Node.js and Python programs call a function's output form rather than awaiting its plain result.
	preferOutputInvokes bool
	generatePackage     func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error)
	generateProgram     func(program *pcl.Program) (map[string][]byte, hcl.Diagnostics, error)
	generateProject     func(dir string, project workspace.Project, program *pcl.Program, localDependencies map[string]string) error
	// link adds each SDK (by its path relative to the program) to the program and says how to import it.
	link func(ctx context.Context, info *pulumirpc.ProgramInfo, sdks []linkedSDK) (instructions string, err error)
	// installDependencies, where this host installs them (Python's host and Node.js's have their own).
	installDependencies func(ctx context.Context, dir string, stdout, stderr io.Writer) error
}

type linkedSDK struct {
	pkg  *schema.Package
	path string
}

var languages = map[string]*language{"nodejs": nodejsLanguage, "python": pythonLanguage, "go": goLanguage}

// codegenHost answers the code-generation half of the LanguageRuntime service; the rest is UNIMPLEMENTED.
type codegenHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	lang *language
}

func (h *codegenHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *codegenHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	if h.lang.installDependencies == nil {
		return h.UnimplementedLanguageRuntimeServer.InstallDependencies(req, server)
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	if err := h.lang.installDependencies(server.Context(), req.Info.ProgramDirectory, stdout, stderr); err != nil {
		return err
	}
	return closer.Close()
}

func (h *codegenHost) GeneratePackage(
	ctx context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.Schema), &spec); err != nil {
		return nil, fmt.Errorf("reading the package schema: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	files, err := h.lang.generatePackage(pkg, req, cached)
	if err != nil {
		return nil, err
	}
	if err := writeFiles(req.Directory, files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

func (h *codegenHost) GenerateProgram(
	ctx context.Context, req *pulumirpc.GenerateProgramRequest,
) (*pulumirpc.GenerateProgramResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	parser := syntax.NewParser()
	for path, contents := range req.Source {
		if err := parser.ParseFile(strings.NewReader(contents), path); err != nil {
			return nil, err
		}
		if parser.Diagnostics.HasErrors() {
			return nil, parser.Diagnostics
		}
	}
	program, diags, err := pcl.BindProgram(parser.Files, schema.NewCachedLoader(loader), h.bindOptions(req.Strict)...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GenerateProgramResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	if program == nil {
		return nil, errors.New("the program did not bind")
	}
	files, genDiags, err := h.lang.generateProgram(program)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProgramResponse{
		Source:      files,
		Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(append(diags, genDiags...)),
	}, nil
}

func (h *codegenHost) GenerateProject(
	ctx context.Context, req *pulumirpc.GenerateProjectRequest,
) (*pulumirpc.GenerateProjectResponse, error) {
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()

	program, diags, err := pcl.BindDirectory(req.SourceDirectory, schema.NewCachedLoader(loader),
		h.bindOptions(req.Strict)...)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return &pulumirpc.GenerateProjectResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
	}
	var project workspace.Project
	if err := json.Unmarshal([]byte(req.Project), &project); err != nil {
		return nil, fmt.Errorf("reading the project: %w", err)
	}
	if err := h.lang.generateProject(req.TargetDirectory, project, program, req.LocalDependencies); err != nil {
		return nil, err
	}
	return &pulumirpc.GenerateProjectResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}, nil
}

// bindOptions are the PCL binder's options for this language.
func (h *codegenHost) bindOptions(strict bool) []pcl.BindOption {
	var options []pcl.BindOption
	if !strict {
		options = append(options, pcl.NonStrictBindOptions()...)
	}
	if h.lang.preferOutputInvokes {
		options = append(options, pcl.PreferOutputVersionedInvokes)
	}
	return options
}

func (h *codegenHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	if len(req.Packages) == 0 {
		return &pulumirpc.LinkResponse{}, nil
	}
	loader, err := schema.NewLoaderClient(req.LoaderTarget)
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	sdks := make([]linkedSDK, 0, len(req.Packages))
	for _, dep := range req.Packages {
		pkg, err := loadLinkedPackage(ctx, cached, dep.Package)
		if err != nil {
			return nil, fmt.Errorf("loading the schema of %s: %w", dep.Package.Name, err)
		}
		sdks = append(sdks, linkedSDK{pkg: pkg, path: dep.Path})
	}
	instructions, err := h.lang.link(ctx, req.Info, sdks)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{ImportInstructions: instructions}, nil
}

func loadLinkedPackage(
	ctx context.Context, loader schema.ReferenceLoader, dep *pulumirpc.PackageDependency,
) (*schema.Package, error) {
	descriptor := &schema.PackageDescriptor{Name: dep.Name, DownloadURL: dep.Server}
	if v, err := semver.ParseTolerant(dep.Version); err == nil {
		descriptor.Version = &v
	}
	if p := dep.Parameterization; p != nil {
		descriptor.Parameterization = &schema.ParameterizationDescriptor{Name: p.Name, Value: p.Value}
		if v, err := semver.ParseTolerant(p.Version); err == nil {
			descriptor.Parameterization.Version = v
		}
	}
	ref, err := schema.LoadPackageReferenceV2(ctx, loader, descriptor)
	if err != nil {
		return nil, err
	}
	return ref.Definition()
}

func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
