package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/pcl"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
)

var nodejsLanguage = &language{
	name:                "nodejs",
	preferOutputInvokes: true,
	generatePackage: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return nodejs.GeneratePackage("pulumi-language-nodejs", pkg, req.ExtraFiles, req.LocalDependencies, req.Local, loader)
	},
	generateProgram: func(program *pcl.Program) (map[string][]byte, hcl.Diagnostics, error) {
		return nodejs.GenerateProgramWithOptions(program, nodejs.ProgramOptions{Runtime: "nodejs"})
	},
	generateProject: func(dir string, project workspace.Project, program *pcl.Program, localDependencies map[string]string) error {
		return nodejs.GenerateProject(dir, project, program, localDependencies, false, "nodejs")
	},
	link: linkNodejs,
}

var pythonLanguage = &language{
	name:                "python",
	preferOutputInvokes: true,
	generatePackage: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, req.ExtraFiles, loader)
	},
	generateProgram: python.GenerateProgram,
	generateProject: func(dir string, project workspace.Project, program *pcl.Program, localDependencies map[string]string) error {
		return python.GenerateProject(dir, project, program, localDependencies, "", "")
	},
	link: linkPython,
}

var goLanguage = &language{
	name: "go",
	generatePackage: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
		if len(req.ExtraFiles) > 0 {
			return nil, fmt.Errorf("overlays are not supported for Go")
		}
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.LocalDependencies)
	},
	generateProgram:     gogen.GenerateProgram,
	generateProject:     gogen.GenerateProject,
	link:                linkGo,
	installDependencies: goModTidy,
}

// linkNodejs adds each SDK to package.json with the program's package manager.
func linkNodejs(ctx context.Context, info *pulumirpc.ProgramInfo, sdks []linkedSDK) (string, error) {
	manager, err := npm.ResolvePackageManager(npm.AutoPackageManager, info.ProgramDirectory)
	if err != nil {
		return "", err
	}
	var imports strings.Builder
	for _, sdk := range sdks {
		name := sdk.pkg.Name
		packageName := "@pulumi/" + name
		if err := sdk.pkg.ImportLanguages(map[string]schema.Language{"nodejs": nodejs.Importer}); err != nil {
			return "", err
		}
		if info, ok := sdk.pkg.Language["nodejs"].(nodejs.NodePackageInfo); ok && info.PackageName != "" {
			packageName = info.PackageName
		}
		if err := manager.Link(ctx, info.ProgramDirectory, packageName, sdk.path); err != nil {
			return "", err
		}
		fmt.Fprintf(&imports, "  import * as %s from \"%s\";\n", name, packageName)
	}
	return "You can import the SDK in your TypeScript code with:\n\n" + imports.String(), nil
}

// linkPython adds each SDK to requirements.txt or pyproject.toml, by the program's toolchain.
func linkPython(ctx context.Context, info *pulumirpc.ProgramInfo, sdks []linkedSDK) (string, error) {
	packages := make(map[string]string, len(sdks))
	var imports strings.Builder
	for _, sdk := range sdks {
		if err := sdk.pkg.ImportLanguages(map[string]schema.Language{"python": python.Importer}); err != nil {
			return "", err
		}
		packageName := python.PyPack(sdk.pkg.Namespace, sdk.pkg.Name)
		if info, ok := sdk.pkg.Language["python"].(python.PackageInfo); ok && info.PackageName != "" {
			packageName = info.PackageName
		}
		packages[packageName] = sdk.path
		fmt.Fprintf(&imports, "  import %s as %s\n", packageName, strings.ReplaceAll(sdk.pkg.Name, "-", "_"))
	}
	tc, err := pythonToolchain(info)
	if err != nil {
		return "", err
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return "", fmt.Errorf("linking packages: %w", err)
	}
	return "You can import the SDK in your Python code with:\n\n" + imports.String(), nil
}

// linkGo requires each SDK's module in the program's go.mod, replaced by the SDK's folder.
func linkGo(ctx context.Context, info *pulumirpc.ProgramInfo, sdks []linkedSDK) (string, error) {
	var imports strings.Builder
	for _, sdk := range sdks {
		modulePath, err := goModulePath(filepath.Join(info.ProgramDirectory, sdk.path))
		if err != nil {
			return "", err
		}
		edit := exec.CommandContext(ctx, "go", "mod", "edit",
			"-require="+modulePath+"@v0.0.0", "-replace="+modulePath+"="+localModulePath(sdk.path))
		edit.Dir = info.ProgramDirectory
		if out, err := edit.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go mod edit: %w: %s", err, out)
		}
		if err := sdk.pkg.ImportLanguages(map[string]schema.Language{"go": gogen.Importer}); err != nil {
			return "", err
		}
		importPath := modulePath + "/" + sdk.pkg.Name
		if info, ok := sdk.pkg.Language["go"].(gogen.GoPackageInfo); ok && info.ImportBasePath != "" {
			importPath = info.ImportBasePath
		}
		fmt.Fprintf(&imports, "  import \"%s\"\n", importPath)
	}
	return "You can import the SDK in your Go code with:\n\n" + imports.String(), nil
}

// localModulePath is how go.mod names a folder: a relative one starts with ./ (else it reads as a module path).
func localModulePath(dir string) string {
	if filepath.IsAbs(dir) || strings.HasPrefix(dir, ".") {
		return dir
	}
	return "./" + filepath.ToSlash(dir)
}

// goModTidy is `pulumi install` for a Go program: its go.mod and go.sum made whole.
func goModTidy(ctx context.Context, dir string, stdout, stderr io.Writer) error {
	tidy := exec.CommandContext(ctx, "go", "mod", "tidy")
	tidy.Dir, tidy.Stdout, tidy.Stderr = dir, stdout, stderr
	return tidy.Run()
}

func goModulePath(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("the Go SDK at %s has no go.mod: %w", dir, err)
	}
	return modfile.ModulePath(data), nil
}
