package dockertest

import (
	"context"
	"errors"
	"fmt"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"
)

// Sweep removes every container, image, network and volume labelled
// dockmcp.test=1, including those of other runs. It returns every failure.
func Sweep(ctx context.Context, cli *client.Client) error {
	f := client.Filters{}.Add("label", Label+"="+LabelValue)
	return errors.Join(
		sweepContainers(ctx, cli, f),
		sweepImages(ctx, cli, f),
		sweepNetworks(ctx, cli, f),
		sweepVolumes(ctx, cli, f),
	)
}

func sweepContainers(ctx context.Context, cli *client.Client, f client.Filters) error {
	res, err := cli.ContainerList(ctx, client.ContainerListOptions{All: true, Filters: f})
	if err != nil {
		return fmt.Errorf("list containers: %w", err)
	}
	var errs []error
	opts := client.ContainerRemoveOptions{Force: true, RemoveVolumes: true}
	for _, c := range res.Items {
		if _, err := cli.ContainerRemove(ctx, c.ID, opts); err != nil {
			errs = append(errs, fmt.Errorf("remove container %s: %w", c.ID, err))
		}
	}
	return errors.Join(errs...)
}

func sweepImages(ctx context.Context, cli *client.Client, f client.Filters) error {
	res, err := cli.ImageList(ctx, client.ImageListOptions{All: true, Filters: f})
	if err != nil {
		return fmt.Errorf("list images: %w", err)
	}
	var errs []error
	opts := client.ImageRemoveOptions{Force: true, PruneChildren: true}
	for _, img := range res.Items {
		if _, err := cli.ImageRemove(ctx, img.ID, opts); err != nil && !cerrdefs.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("remove image %s: %w", img.ID, err))
		}
	}
	return errors.Join(errs...)
}

func sweepNetworks(ctx context.Context, cli *client.Client, f client.Filters) error {
	res, err := cli.NetworkList(ctx, client.NetworkListOptions{Filters: f})
	if err != nil {
		return fmt.Errorf("list networks: %w", err)
	}
	var errs []error
	for _, n := range res.Items {
		if _, err := cli.NetworkRemove(ctx, n.ID, client.NetworkRemoveOptions{}); err != nil {
			errs = append(errs, fmt.Errorf("remove network %s: %w", n.Name, err))
		}
	}
	return errors.Join(errs...)
}

func sweepVolumes(ctx context.Context, cli *client.Client, f client.Filters) error {
	res, err := cli.VolumeList(ctx, client.VolumeListOptions{Filters: f})
	if err != nil {
		return fmt.Errorf("list volumes: %w", err)
	}
	var errs []error
	for _, v := range res.Items {
		opts := client.VolumeRemoveOptions{Force: true}
		if _, err := cli.VolumeRemove(ctx, v.Name, opts); err != nil {
			errs = append(errs, fmt.Errorf("remove volume %s: %w", v.Name, err))
		}
	}
	return errors.Join(errs...)
}

// SweepEnv connects to the daemon the environment names and calls [Sweep].
func SweepEnv(ctx context.Context) error {
	cli, err := connect(ctx)
	if err != nil {
		return err
	}
	defer cli.Close()
	return Sweep(ctx, cli)
}
